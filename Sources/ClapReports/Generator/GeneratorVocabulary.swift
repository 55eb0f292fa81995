import ClapDomain

/// The French words generated data is made of: towns of each department, names, banks, mail domains.
enum GeneratorVocabulary {
    static let towns: [Department: [String]] = [
        .loireAtlantique: ["Nantes Erdre", "Saint-Nazaire", "Rezé", "Saint-Herblain", "Carquefou", "Orvault", "Vertou",
                           "Châteaubriant", "Ancenis", "Clisson", "Pornic", "Guérande", "La Baule", "Blain", "Machecoul",
                           "Savenay", "Nort-sur-Erdre", "Vallet", "Bouguenais", "Pays de Retz"],
        .maineEtLoire: ["Angers Centre", "Cholet", "Saumur Loire Vignoble", "Segré-en-Anjou Bleu", "Beaupréau", "Doué-la-Fontaine",
                        "Trélazé", "Avrillé", "Les Ponts-de-Cé", "Chemillé", "Baugé", "Longué-Jumelles", "Montreuil-Bellay",
                        "Chalonnes-sur-Loire", "Brissac"],
        .mayenne: ["Laval Agglo Sud", "Mayenne", "Château-Gontier", "Évron", "Craon", "Ernée", "Gorron", "Villaines-la-Juhel",
                   "Meslay-du-Maine", "Bonchamp"],
        .sarthe: ["Le Mans Sud-Est", "La Flèche", "Sablé-sur-Sarthe", "Mamers", "Vallée du Loir", "Saint-Calais",
                  "La Ferté-Bernard", "Allonnes", "Coulaines", "Écommoy", "Bonnétable", "Sillé-le-Guillaume"],
        .vendee: ["La Roche-sur-Yon", "Les Sables-d'Olonne", "Challans", "Fontenay-le-Comte", "Les Herbiers", "Luçon", "Montaigu",
                  "Saint-Gilles-Croix-de-Vie", "Pouzauges", "Chantonnay", "Aizenay", "Noirmoutier"],
    ]

    static let lastNames = [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
        "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
        "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez",
        "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval",
        "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Pérez", "Marchand", "Dufour",
        "Blanchard", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Le Goff", "Le Gall",
        "Tessier", "Hervé", "Bréhier", "Chauvin-Lebreton", "D'Arcy", "Ménard", "Rabiller", "Gasnier", "Loriot", "Jolivet",
        "Besnard", "Pasquier", "Huet", "Royer", "Da Silva", "Lebreton", "Cadiou", "Le Bihan", "Boucher", "Poirier",
    ]

    static let firstNames = [
        "Claire", "Jean-Baptiste", "Élodie", "Thomas", "Sophie", "Mathilde", "Nicolas", "Anne-Laure", "Kévin", "Camille",
        "Lucie", "Philippe", "Hélène", "Laurent", "Julie", "Marc", "Isabelle", "Cédric", "Manon", "Bernard", "Chloé",
        "Yannick", "Margaux", "Aurélie", "François", "Maëlle", "Romain", "Pauline", "Guillaume", "Sylvie", "Stéphane",
        "Amandine", "Benoît", "Gaëtan", "Noémie", "Arnaud", "Inès", "Céline", "Olivier", "Nathalie", "Frédéric", "Sandrine",
        "Sébastien", "Émilie", "Jérôme", "Aurore", "Damien", "Léa", "Antoine", "Zoé", "Hugo", "Agnès", "Loïc", "Solène",
        "Maxime", "Anaïs", "Erwan", "Gwenaëlle", "Pierre-Yves", "Françoise",
    ]

    /// (bank code, branch code, BIC) of banks with branches in the region.
    static let banks: [(bank: String, branch: String, bic: String)] = [
        ("30004", "00312", "BNPAFRPPXXX"), ("30003", "01460", "SOGEFRPP"), ("30002", "06520", "CRLYFRPP"),
        ("10278", "36100", "CMCIFR2A"), ("15519", "39052", "CMCIFR2AXXX"), ("14706", "00032", "AGRIFRPP847"),
        ("17906", "00090", "AGRIFRPP879"), ("14445", "00400", "CEPAFRPP444"), ("13807", "00712", "CCBPFRPPNAN"),
        ("20041", "01011", "PSSTFRPPNTE"), ("30066", "10947", "CMCIFRPPXXX"), ("16606", "10010", "AGRIFRPP866"),
        ("12548", "02998", "AXABFRPP"),
    ]

    static let mailDomains = ["orange.fr", "gmail.com", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "sante-pdl.fr"]

    /// The professions after the two general practitioners every team starts with, with their weights.
    static let otherProfessions: [(Profession, Int)] = [
        (.infirmier, 30), (.masseurKinesitherapeute, 16), (.pharmacien, 12), (.medecinGeneraliste, 8), (.sageFemme, 6),
        (.orthophoniste, 6), (.chirurgienDentiste, 5), (.pedicurePodologue, 4), (.dieteticien, 4), (.psychomotricien, 3),
        (.ergotherapeute, 3), (.orthoptiste, 2), (.biologiste, 1),
    ]
}
