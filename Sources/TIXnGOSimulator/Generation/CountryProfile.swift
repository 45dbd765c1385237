/// Names, language and phone prefix of people from one country, for generated spectators.
struct CountryProfile: Sendable {
    let code: String
    let language: String
    let phonePrefix: String
    let maleNames: [String]
    let femaleNames: [String]
    let lastNames: [String]

    /// The countries spectators come from, most frequent first.
    static let all: [CountryProfile] = [
        CountryProfile(
            code: "US", language: "en", phonePrefix: "+1202",
            maleNames: ["James", "Michael", "Ethan", "Noah", "Daniel", "Tyler"],
            femaleNames: ["Emily", "Olivia", "Madison", "Sarah", "Ava", "Grace"],
            lastNames: ["Smith", "Johnson", "Miller", "Davis", "Garcia", "Wilson", "Anderson", "Taylor"]),
        CountryProfile(
            code: "MX", language: "es", phonePrefix: "+5255",
            maleNames: ["José", "Luis", "Carlos", "Miguel", "Jorge", "Diego"],
            femaleNames: ["María", "Guadalupe", "Fernanda", "Sofía", "Valeria", "Ximena"],
            lastNames: ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez"]),
        CountryProfile(
            code: "CA", language: "fr", phonePrefix: "+1514",
            maleNames: ["Étienne", "Mathieu", "Liam", "Olivier", "Gabriel", "Samuel"],
            femaleNames: ["Chloé", "Léa", "Charlotte", "Émilie", "Rosalie", "Maude"],
            lastNames: ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "MacDonald"]),
        CountryProfile(
            code: "DE", language: "de", phonePrefix: "+49151",
            maleNames: ["Lukas", "Jonas", "Felix", "Maximilian", "Paul", "Jürgen"],
            femaleNames: ["Anna", "Lena", "Hannah", "Jana", "Sophie", "Ursula"],
            lastNames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner"]),
        CountryProfile(
            code: "FR", language: "fr", phonePrefix: "+336",
            maleNames: ["Louis", "Hugo", "Théo", "Nicolas", "Julien", "Antoine"],
            femaleNames: ["Camille", "Manon", "Inès", "Juliette", "Clémence", "Sarah"],
            lastNames: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Lefèvre"]),
        CountryProfile(
            code: "GB", language: "en", phonePrefix: "+447",
            maleNames: ["Oliver", "Harry", "George", "Jack", "Charlie", "William"],
            femaleNames: ["Amelia", "Isla", "Poppy", "Emily", "Freya", "Alice"],
            lastNames: ["Jones", "Williams", "Brown", "Evans", "Thomas", "Roberts", "O'Brien"]),
        CountryProfile(
            code: "BR", language: "pt", phonePrefix: "+5511",
            maleNames: ["João", "Pedro", "Lucas", "Gustavo", "Rafael", "Thiago"],
            femaleNames: ["Ana", "Beatriz", "Júlia", "Larissa", "Camila", "Letícia"],
            lastNames: ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Araújo"]),
        CountryProfile(
            code: "PT", language: "pt", phonePrefix: "+35191",
            maleNames: ["Tiago", "Rui", "Duarte", "Gonçalo", "Miguel", "Nuno"],
            femaleNames: ["Inês", "Mariana", "Leonor", "Matilde", "Rita", "Joana"],
            lastNames: ["Ferreira", "Duarte", "Almeida", "Carvalho", "Gomes", "Ribeiro", "Lopes"]),
        CountryProfile(
            code: "ES", language: "es", phonePrefix: "+346",
            maleNames: ["Javier", "Alejandro", "Pablo", "Sergio", "Álvaro", "Iker"],
            femaleNames: ["Lucía", "Paula", "Carmen", "Elena", "Marta", "Nerea"],
            lastNames: ["Fernández", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz", "Jiménez"]),
        CountryProfile(
            code: "GH", language: "en", phonePrefix: "+23324",
            maleNames: ["Kofi", "Kwame", "Yaw", "Kojo", "Kwabena", "Kwesi"],
            femaleNames: ["Ama", "Akosua", "Abena", "Efua", "Adwoa", "Yaa"],
            lastNames: ["Mensah", "Owusu", "Boateng", "Asante", "Osei", "Appiah", "Ofori"]),
        CountryProfile(
            code: "MA", language: "ar", phonePrefix: "+2126",
            maleNames: ["Youssef", "Mohamed", "Hamza", "Amine", "Omar", "Mehdi"],
            femaleNames: ["Fatima", "Salma", "Imane", "Khadija", "Nour", "Yasmine"],
            lastNames: ["El Amrani", "Benali", "Alaoui", "Tazi", "Idrissi", "Bennani", "Chraibi"]),
        CountryProfile(
            code: "JP", language: "ja", phonePrefix: "+8190",
            maleNames: ["Haruto", "Yuto", "Sota", "Ren", "Takumi", "Kenji"],
            femaleNames: ["Yui", "Hina", "Aoi", "Sakura", "Mei", "Yuna"],
            lastNames: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto"]),
    ]

    /// How often each country in ``all`` is drawn, in the same order.
    static let weights: [Double] = [30, 14, 8, 6, 6, 6, 5, 4, 5, 4, 4, 4]
}
