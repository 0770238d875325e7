import type { SensitivityCategory } from "../levels.js";

/**
 * Term lists for the special categories of GDPR Art. 9, finances and children, in English,
 * German, Spanish, Italian and French (mixed in one list per strength: the matcher does not need
 * to know the language).
 *
 * Term syntax, all lower case: a trailing `*` takes any letters after it (light inflection:
 * "diabet*" finds diabetes, diabetic, Diabetiker), a space matches spaces or a hyphen, a hyphen
 * matches a hyphen, a space or nothing, `'` matches both apostrophes. A plural `s` is always
 * allowed.
 */
export interface CategoryLexicon {
  category: SensitivityCategory;
  /** Explicit statements about a person: level 3 on their own ("diagnosed with", "I am gay"). */
  strong: string[];
  /** Terms that put a text in the category: level 2. */
  terms: string[];
  /**
   * Words that are too often something else ("cancer" the star sign, "pride", "church" in a
   * title, "union" in "European Union"): they count only in running text, and there only next to
   * a possessive ("my", "mein", "mio", …) or another term of the same category.
   */
  weak: string[];
}

export const LEXICONS: CategoryLexicon[] = [
  {
    category: "health",
    strong: [
      "diagnosed with", "my diagnosis", "diagnostiziert", "diagnose:", "befund", "diagnosticaron", "diagnosticado", "diagnosticada",
      "diagnosticato", "diagnosticata", "diagnostiqué", "diagnostiquée", "tested positive", "hiv positive", "hiv-positiv*", "sieropositiv*", "seropositiv*",
      "séropositi*", "ich leide an", "leide unter", "soffro di", "sufro de", "je souffre d*",
    ],
    terms: [
      // en
      "diagnosis", "symptom*", "disease*", "disorder*", "syndrome", "chronic pain", "i suffer from", "suffering from", "breast cancer", "lung cancer", "prostate cancer", "skin cancer",
      "tumor*", "tumour*", "oncolog*", "chemotherap*", "chemo", "radiotherap*", "diabet*", "insulin", "hba1c", "blood test*", "blood work",
      "blood pressure", "blood sugar", "cholesterol", "asthma*", "epilep*", "seizure*", "migraine*", "depression", "depressed", "anxiety",
      "panic attack*", "adhd", "autism", "autistic", "bipolar", "schizophren*", "ptsd", "ocd", "eating disorder", "anorexi*", "bulimi*", "therapist",
      "psychotherap*", "psychiatr*", "antidepressant*", "sertraline", "fluoxetine", "prozac", "xanax", "metformin", "ibuprofen", "paracetamol",
      "acetaminophen", "antibiotic*", "prescription*", "medication*", "hiv", "sexually transmitted", "chlamydia", "herpes", "hepatitis", "pregnan*", "miscarriage",
      "abortion", "ivf", "fertility clinic", "infertil*", "sperm donor", "contracepti*", "birth control", "mri", "ct scan", "x-ray", "biopsy",
      "surgery", "hospital", "hospitalis*", "hospitaliz*", "clinic", "patient portal", "gp appointment", "doctor's appointment", "dentist*", "dental", "orthodont*",
      "physiotherap*", "rehab", "addiction", "alcoholism", "overdose", "suicid*", "self-harm", "dementia", "alzheimer*", "parkinson*",
      "multiple sclerosis", "crohn*", "celiac", "coeliac", "arthritis", "sick note", "sick leave", "wheelchair*", "hearing aid*", "prosthe*",
      "disabilit*", "vaccination*", "pediatrician*", "paediatrician*", "cardiolog*", "heart attack", "hormone therapy", "erectile dysfunction",
      "viagra", "glucose meter", "pregnancy test", "thyroid",
      // de
      "die diagnose", "meine diagnose", "ihre diagnose", "symptome", "krankheit*", "erkrank*", "krebs", "brustkrebs", "diabetes", "blutzucker*", "blutdruck*", "blutwerte",
      "blutuntersuchung", "schilddrüse*", "depression*", "angststörung*", "panikattacke*", "psychotherap*", "psychiater*", "psychiatrie",
      "therapeut*", "medikament*", "rezept für", "antibiotik*", "tabletten", "apotheke", "krankschreibung", "arbeitsunfähigkeit*",
      "krankenhaus*", "klinik*", "arztpraxis", "hausarzt*", "facharzt*", "zahnarzt*", "orthopäde*", "orthopädin", "kinderwunsch*",
      "schwangerschaft*", "schwanger", "fehlgeburt", "abtreibung", "suchterkrankung", "alkoholsucht", "drogensucht", "spielsucht", "entzug", "rollstuhl*", "hörgerät*", "behinderung*",
      "bandscheibe*", "physiotherap*", "mrt", "röntgen*", "impfung*", "heilpraktiker*",
      // es
      "diagnóstico", "síntoma*", "enfermedad*", "cáncer de *", "tumor", "diabetes", "colesterol", "ansiedad", "depresión", "psiquiatra*",
      "psicólogo*", "psicóloga*", "antidepresivo*", "antibiótico*", "receta médica", "medicamento*", "farmacia", "migraña*", "embarazo*",
      "embarazada", "aborto", "hospital", "clínica", "médico de cabecera", "cita médica", "baja médica", "resonancia", "análisis de sangre",
      "quimioterapia", "dentista", "fisioterap*", "silla de ruedas", "audífono*", "discapacidad", "vacuna*", "hormonación", "tratamiento para",
      // it
      "diagnosi", "sintom*", "malattia", "malattie", "tumore", "cancro", "diabete", "colesterolo", "ansia", "depressione", "psichiatra",
      "psicologo", "psicologa", "psicoterap*", "antidepressiv*", "antibiotic*", "ricetta medica", "ricetta per", "farmac*", "emicrania",
      "gravidanza", "incinta", "aborto", "ospedale", "clinica", "medico di base", "medico curante", "visita cardiologica", "visita medica",
      "certificato di malattia", "risonanza magnetica", "analisi del sangue", "chemioterapia", "dentista", "fisioterap*", "sedia a rotelle",
      "apparecchio acustico", "disabilità", "vaccin*", "celiachia", "morbo di *", "misuratore di pressione", "febbre",
      // fr
      "diagnostic", "symptôme*", "maladie*", "cancer du *", "cancer de *", "tumeur*", "diabète", "cholestérol", "anxiété", "dépression",
      "psychiatre*", "psychologue*", "antidépresseur*", "antibiotique*", "ordonnance*", "médicament*", "pharmacie", "migraine*", "grossesse",
      "enceinte", "avortement", "hôpital", "clinique", "médecin traitant", "arrêt maladie", "irm", "analyses sanguines", "prise de sang",
      "chimiothérapie", "dentiste", "kiné*", "fauteuil roulant", "appareil auditif", "handicap*", "vaccin*", "tensiomètre", "sclérose en plaques",
      "carnet de santé", "test de grossesse", "test de embarazo", "schwangerschaftstest*",
    ],
    weak: ["cancer", "doctor", "doctors", "arzt", "ärztin", "médico", "medico", "médecin", "pills", "drugs", "heart", "stroke", "operation", "aids", "therapy", "pharmacy", "tablets"],
  },
  {
    category: "sexuality",
    strong: [
      "i am gay", "i'm gay", "i am lesbian", "i'm a lesbian", "i am bisexual", "i'm bisexual", "i am bi", "i'm bi", "came out to", "came out as",
      "coming out to", "ich bin schwul", "ich bin lesbisch", "ich bin bi", "ich bin bisexuell", "soy gay", "soy lesbiana", "soy bisexual",
      "soy trans*", "salí del armario", "sono gay", "sono lesbica", "sono bisessuale", "ho fatto coming out", "je suis gay", "je suis homosexuel*",
      "je suis lesbienne", "je suis bi", "je suis bisexuel*", "sexual orientation",
    ],
    terms: [
      "gay", "lesbian*", "bisexual*", "homosexual*", "queer", "lgbt*", "lgtb*", "transgender*", "non-binary", "nonbinary", "coming out",
      "grindr", "scruff", "sex life", "condom*", "lubricant*", "lube", "sex toy*", "vibrator*", "dildo*", "porn*", "onlyfans", "fetish*",
      "bdsm", "polyamor*", "open relationship", "asexual*", "gay pride", "pride parade", "pride march",
      "schwul*", "lesbisch*", "lesbe*", "bisexuell*", "homosexuell*", "queere*", "transident*", "csd", "kondom*", "gleitgel", "sexspielzeug",
      "sexualleben", "sexuelle orientierung",
      "lesbiana*", "homosexual", "transgénero*", "salir del armario", "condón", "condones", "preservativo*", "lubricante*", "vida sexual",
      "orientación sexual",
      "lesbica", "lesbiche", "bisessual*", "omosessual*", "preservativ*", "lubrificant*", "vita sessuale", "orientamento sessuale", "incontri gay",
      "lesbienne*", "bisexuel*", "homosexuel*", "transgenre*", "préservatif*", "lubrifiant*", "vie sexuelle", "orientation sexuelle",
    ],
    weak: ["pride", "orgullo", "sex", "trans", "escort", "tinder"],
  },
  {
    category: "religion",
    strong: ["converted to", "konvertiert", "me convertí", "mi sono convertit*", "je me suis converti*", "my faith", "mein glaube", "mi fe", "la mia fede", "ma foi"],
    terms: [
      "mosque", "synagogue", "prayer*", "quran", "koran", "torah", "talmud", "baptism", "baptized", "baptised", "christening", "first communion",
      "mass times", "parish", "rabbi", "imam", "ramadan", "eid mubarak", "eid al-fitr", "eid al-adha", "halal", "hajj", "umrah", "bar mitzvah", "bat mitzvah", "catholic*",
      "protestant*", "evangelical", "muslim*", "islam", "islamic", "islamist*", "islamisch*", "islamique*", "islamico", "islamica", "jewish", "judaism", "hindu", "hinduism", "buddhis*", "sikh*", "atheis*", "agnosticism", "jehovah's witness*", "mormon*", "scientolog*", "church tax", "sunday school", "bible study", "rosary", "prayer mat", "prayer rug", "religion*",
      "religious", "gottesdienst*", "moschee*", "synagoge*", "gebet", "gebete", "gebetszeit*", "taufe", "getauft", "firmung", "konfirmation", "kommunion", "erstkommunion",
      "pfarrei", "pfarrgemeinde", "kirchensteuer", "kirchenaustritt", "katholisch*", "evangelisch*", "muslimisch*", "jüdisch*", "gebetsteppich",
      "rosenkranz", "religiös*", "zeugen jehovas", "messzeiten",
      "misa", "misas", "mezquita", "sinagoga", "oración", "corán", "bautizo", "bautismo", "primera comunión", "catequesis", "parroquia", "católic*",
      "musulmán", "musulmana*", "musulmanes", "judío*", "judía*", "evangélic*", "religión", "religios*",
      "moschea", "preghiera*", "corano", "battesimo", "cresima", "prima comunione", "parrocchia", "cattolic*", "musulman*", "ebreo", "ebrea",
      "ebraic*", "religione", "orari delle messe",
      "mosquée", "prière*", "coran", "baptême", "paroisse", "curé", "prêtre", "catholique*", "juif", "juive*", "juifs", "aumônerie",
      "horaires des messes", "religieu*",
    ],
    weak: ["agnostic", "church", "temple", "pray", "bible", "faith", "god", "priest", "pastor", "kosher", "confirmation", "communion", "kirche", "beten", "bibel", "pfarrer", "iglesia", "rezar", "biblia", "sacerdote", "chiesa", "messa", "messe", "bibbia", "prete", "rosario", "église", "prier", "bible", "ateo", "atea"],
  },
  {
    category: "politics",
    strong: ["i voted", "voted for", "i vote for", "ich habe * gewählt", "ich wähle", "voté a", "voté por", "votaré a", "ho votato", "voterò", "j'ai voté", "je vote pour", "party member*", "parteimitglied*"],
    terms: [
      "election*", "voting", "voter registration", "register to vote", "ballot*", "polling station", "primary election", "democratic party",
      "democratic national committee", "republican*", "democrat", "labour party", "conservative party", "tory", "tories", "green party",
      "liberal democrats", "lib dem*", "ukip", "reform uk", "political party", "left-wing", "right-wing", "far right", "far-right", "socialism", "socialist*",
      "communis*", "fascis*",
      "bundestagswahl", "landtagswahl", "kommunalwahl", "europawahl", "wahlen", "briefwahl*", "wahllokal", "wahlschein", "parteitag", "spd", "cdu",
      "csu", "fdp", "afd", "bsw", "gegen rechts", "kundgebung", "politisch*",
      "elecciones", "papeleta", "colegio electoral", "psoe", "bildu", "mitin", "política", "político*",
      "elezioni", "scheda elettorale", "seggio", "referendum", "partito democratico", "fratelli d'italia", "movimento 5 stelle", "m5s",
      "forza italia", "corteo", "politic*",
      "élection*", "bureau de vote", "la france insoumise", "lfi", "rassemblement national", "front national",
      "les républicains", "parti socialiste", "eelv", "militant*", "politique*",
    ],
    weak: ["vote", "votes", "voter", "votar", "voto", "votare", "campaign", "rally", "protest", "demonstration", "petition", "candidate", "wahl", "gewählt", "wählen", "partei", "demo", "demonstration", "partido", "die grünen", "die linke", "ciudadanos", "second tour", "premier tour", "podemos", "vox", "sumar", "manifestación", "partito", "lega", "manifestazione", "procuration", "écologistes", "manifestation", "trump", "biden"],
  },
  {
    category: "trade_union",
    strong: ["union dues", "union member*", "union membership", "gewerkschaftsmitglied*", "tessera sindacale", "cotisation syndicale", "afiliado a ugt", "afiliada a ugt", "cuota sindical"],
    terms: [
      "trade union*", "labor union*", "labour union*", "union rep", "shop steward", "collective bargaining", "strike vote", "picket line", "teamsters", "afl-cio", "seiu", "uaw",
      "gewerkschaft*", "ig metall", "ver.di", "ig bce", "tarifrunde", "tarifverhandlung*", "warnstreik*", "betriebsrat*",
      "sindicato*", "sindical*", "ccoo", "comisiones obreras", "ugt", "delegado sindical", "convenio colectivo",
      "sindacat*", "cgil", "cisl", "uil", "rappresentante sindacale", "contratto collettivo",
      "syndicat*", "syndical*", "cgt", "cfdt", "force ouvrière", "unsa", "délégué syndical",
    ],
    weak: ["union", "strike", "streik", "huelga", "sciopero", "grève", "verdi", "unite", "unison"],
  },
  {
    category: "genetic",
    strong: ["brca*", "genetic predisposition", "genetic disorder", "gene mutation", "genetic mutation", "erbkrankheit*", "mutación genética", "mutazione genetica", "mutation génétique"],
    terms: [
      "dna test*", "dna kit", "ancestrydna", "23andme", "genetic test*", "genetic screening", "genome", "genetic*", "paternity test*", "carrier screening",
      "gentest*", "genetisch*", "dna-test*", "vaterschaftstest*", "prueba de adn", "test de adn", "genétic*", "prueba de paternidad",
      "test genetico", "genetic*", "test del dna", "test di paternità", "test adn", "test génétique", "génétique*", "test de paternité",
    ],
    weak: ["hereditary", "dna", "adn"],
  },
  {
    category: "biometric",
    strong: [],
    terms: [
      "fingerprint*", "face recognition", "facial recognition", "face id", "touch id", "iris scan*", "retina scan*", "voiceprint*", "voice id",
      "biometric*", "palm scan*", "fingerabdr*", "gesichtserkennung", "biometrisch*", "huella dactilar", "huellas dactilares", "reconocimiento facial",
      "biométric*", "impronta digitale", "impronte digitali", "riconoscimento facciale", "biometric*", "empreinte digitale", "empreintes digitales",
      "reconnaissance faciale", "biométri*",
    ],
    weak: [],
  },
  {
    category: "ethnicity",
    strong: ["as a black woman", "as a black man", "as a person of color", "as a person of colour", "ich bin türkischer herkunft"],
    terms: [
      "racial*", "racism", "racist*", "ethnic origin", "ethnicity", "ethnic minorit*", "people of color", "people of colour", "hispanic", "latino", "african american", "asian american", "indigenous",
      "rassis*", "rassismus", "ethnische herkunft", "ethnie", "migrationshintergrund", "afrodeutsch*", "sinti und roma",
      "racismo", "racista*", "discriminación racial", "origen étnico", "etnia", "afrodescendiente*",
      "razzismo", "razzist*", "discriminazione razziale", "origine etnica",
      "racisme", "raciste*", "discrimination raciale", "origine ethnique", "issu de l'immigration", "issue de l'immigration",
    ],
    weak: ["ethnic", "race", "roma", "latina", "gitano", "gitana"],
  },
  {
    category: "financial",
    strong: [
      "bankrupt*", "insolven*", "foreclos*", "debt collect*", "collection agency", "repossess*", "eviction", "privatinsolvenz", "inkasso*",
      "pfändung*", "zwangsvollstreckung", "zwangsräumung", "quiebra", "concurso de acreedores", "recobro", "desahucio", "recupero crediti",
      "fallimento", "pignoramento", "surendettement", "recouvrement", "faillite", "huissier", "saisie sur salaire", "interdit bancaire",
    ],
    terms: [
      "debt*", "loan*", "mortgage*", "overdraft", "overdrawn", "payday loan*", "salary", "salaries", "payslip*", "pay slip*", "pay stub*", "paycheck*",
      "credit score", "credit report", "credit rating", "late payment", "payment overdue", "overdue", "arrears", "tax return", "unemployment benefit*",
      "food stamps", "universal credit", "bank statement*", "account balance", "net worth",
      "schulden", "schuldner*", "kredit*", "darlehen", "hypothek*", "baufinanzierung", "dispo", "dispokredit", "kontostand", "im minus", "überzogen", "gehalt", "gehälter", "gehaltsabrechnung*", "gehaltserhöhung",
      "lohnabrechnung", "schufa", "mahnung*", "zahlungsaufforderung", "bürgergeld", "hartz iv", "arbeitslosengeld", "steuererklärung",
      "steuerbescheid", "kontoauszug*",
      "deuda*", "préstamo*", "prestamo*", "hipoteca*", "nómina", "sueldo", "salario*", "informe de crédito", "asnef", "lista de morosos", "morosidad",
      "impago*", "números rojos", "extracto bancario", "declaración de la renta", "subsidio de desempleo", "pensión alimenticia",
      "debito", "debiti", "prestito", "prestiti", "mutuo", "busta paga", "stipendio", "stipendi", "crif", "cattivo pagatore", "estratto conto",
      "sollecito di pagamento", "dichiarazione dei redditi", "cassa integrazione", "reddito di cittadinanza",
      "dettes", "prêt immobilier", "prêt personnel", "crédit immobilier", "crédit à la consommation", "demande de crédit", "fiche de paie",
      "bulletin de salaire", "bulletin de paie", "salaire*", "découvert", "agios", "relevé de compte", "impôt sur le revenu", "déclaration de revenus",
      "allocations chômage", "pension alimentaire",
    ],
    weak: ["dette", "wages", "income", "pension", "crédito", "créditos", "crédit", "embargo", "paro", "final notice"],
  },
  {
    category: "children",
    strong: [
      "custody", "child protective services", "child support", "sorgerecht*", "jugendamt", "kindesunterhalt", "custodia", "affidamento dei figli",
      "affido", "garde alternée", "garde des enfants", "aide sociale à l'enfance",
    ],
    terms: [
      "kindergarten", "daycare", "day care", "nursery school", "preschool", "parent-teacher", "report card", "school report*", "pediatrician*",
      "paediatrician*", "diaper*", "nappies", "nappy", "baby monitor", "baby formula", "infant formula", "pacifier*", "stroller", "toddler*",
      "childcare", "child care", "babysitter*", "nanny", "school run", "field trip", "permission slip", "newborn*", "my son", "my daughter",
      "my kids", "my children", "our son", "our daughter", "your son", "your daughter",
      "kita", "kinderkrippe", "elternabend", "elternsprechtag", "kinderarzt*", "kinderärzt*", "windel*", "schnuller*", "kinderwagen", "babyphone",
      "einschulung", "grundschule", "klassenfahrt", "tagesmutter", "kindergeld", "elterngeld", "mein sohn", "meine tochter", "meiner tochter",
      "meinem sohn", "meine kinder", "mein kind", "unser kind", "ihr kind", "ihr sohn", "ihre tochter", "ihren sohn", "ihrer tochter",
      "guardería", "reunión de padres", "pediatra", "pañal*", "chupete*", "cochecito", "boletín de notas", "notas del colegio", "mi hijo", "mi hija",
      "mis hijos", "tu hijo", "tu hija", "su hijo", "su hija",
      "asilo nido", "scuola materna", "scuola dell'infanzia", "pannolin*", "ciuccio", "passeggino", "pagella", "mio figlio", "mia figlia",
      "i miei figli", "tuo figlio", "tua figlia", "la bambina", "il bambino", "colloquio con le maestre",
      "crèche", "école maternelle", "maternelle", "parents-professeurs", "pédiatre", "tétine*", "poussette", "bulletin scolaire", "mon fils",
      "ma fille", "mes enfants", "votre fils", "votre fille",
    ],
    weak: ["child", "baby", "kids", "kid", "son", "daughter", "kinder", "sohn", "tochter", "hijo", "hija", "hijos", "figlio", "figlia", "figli", "fils", "fille", "couches", "zeugnis", "colegio", "maestra", "maestre"],
  },
];

/**
 * Phrases that contain a category term but say nothing about anyone: well-known titles ("Queer
 * Eye", "The Politician") and everyday idioms ("technical debt", "genetic algorithm", a French
 * "enceinte" that is a loudspeaker). A term inside one of them is not counted, in titles and in
 * running text ("we watched Queer Eye"). Kept small on purpose: most ambiguous words are `weak`
 * terms, which titles never count.
 */
export const HARMLESS_PHRASES: string[] = [
  "doctor who", "grey's anatomy", "greys anatomy", "the crown", "heart of stone", "pride and prejudice", "pride & prejudice", "cancer (zodiac)",
  "queer eye", "queer as folk", "the politician", "sex education", "sex and the city", "gay science",
  "technical debt", "debt of gratitude", "retail therapy", "the great depression", "tropical depression", "genetic algorithm*",
  "genetic programming", "enceinte bluetooth", "enceinte portable", "enceinte connectée", "enceintes", "union station",
];
