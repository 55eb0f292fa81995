/// The countries of the SEPA schemes' geographical scope and the length of their IBANs.
public enum SEPACountries {
    /// IBAN length by ISO 3166 country code, for every country in the SEPA scope (EPC list, 2025):
    /// the EU 27, the rest of the EEA (IS, LI, NO), CH, GB (with its crown dependencies) and GI,
    /// the micro-states (AD, MC, SM, VA) and the 2024–2025 enlargement (AL, MD, ME, MK, RS).
    /// French overseas departments and collectivities use `FR` IBANs.
    public static let ibanLengths: [String: Int] = [
        // European Union
        "AT": 20, "BE": 16, "BG": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
        "FI": 18, "FR": 27, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IT": 27, "LT": 20, "LU": 20,
        "LV": 21, "MT": 31, "NL": 18, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
        // Rest of the European Economic Area
        "IS": 26, "LI": 21, "NO": 15,
        // Other SEPA countries and territories
        "CH": 21, "GB": 22, "GI": 23, "AD": 24, "MC": 27, "SM": 27, "VA": 22,
        // Admitted in 2024–2025
        "AL": 28, "MD": 24, "ME": 22, "MK": 19, "RS": 22,
    ]

    /// True when the country code is in the SEPA scope.
    public static func contains(_ countryCode: String) -> Bool { ibanLengths[countryCode] != nil }
}
