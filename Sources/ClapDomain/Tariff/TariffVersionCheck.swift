import LedgerCore

/// The rule that a new barème version must start strictly after the newest one loaded.
public enum TariffVersionCheck {
    /// Nil when `effectiveFrom` may be loaded; else `tariff.not_newer`.
    public static func check(effectiveFrom: Day, newestLoaded: Day?) -> InputIssue? {
        guard let newestLoaded, effectiveFrom <= newestLoaded else { return nil }
        return InputIssue(
            code: "tariff.not_newer",
            message: "« effective_from » (\(effectiveFrom.french)) doit être postérieur au \(newestLoaded.french), "
                + "date d'effet de la version la plus récente déjà chargée ; une version chargée ne se modifie pas, "
                + "elle se remplace par une version plus récente.")
    }
}
