// The domain taxonomy used by evidence intake. It is plain data so that analysts' vocabulary can be
// reviewed and extended without touching the matching code.
//
// How terms are matched (see terms.ts): case-insensitively, whole words only, hyphens and spaces
// interchangeable ("dual-use" = "dual use"), and the last word may be plural ("chip" also finds
// "chips", "technology" also finds "technologies"). A term written in capitals (an acronym such as
// "SWIFT" or "UAV") is matched case-sensitively, so that "swift" or "uav" in prose do not count.
// `terms` are specific evidence (weight 1); `weakTerms` are suggestive only (weight 0.5).

export const CATEGORY_SLUGS = [
  "dual-use-technology",
  "financial-institutions",
  "microelectronics-chips",
  "engines-propulsion",
  "other",
] as const;

export type CategorySlug = (typeof CATEGORY_SLUGS)[number];

export interface TermList {
  terms: readonly string[];
  weakTerms?: readonly string[];
}

export interface Category extends TermList {
  slug: CategorySlug;
  name: string;
  description: string;
  /**
   * The umbrella of the others: its terms ("export control", "Entity List", "military") describe the
   * instrument or the end use, and come with any export-control story. When a specific category's terms
   * (chips, engines and drones: `within` it) are found too, the specific one is the better first
   * suggestion: the generic category then ranks at half its score.
   */
  generic?: boolean;
  /** The generic category this one is a specific kind of. */
  within?: CategorySlug;
}

export interface HsHeading extends TermList {
  /** A 4-digit heading of the Harmonized System, 2022 edition. */
  code: string;
  description: string;
}

export interface Jurisdiction {
  /** ISO 3166-1 alpha-2, or "EU" for the European Union. */
  code: string;
  name: string;
  /** Other names of the place itself; listed longest-first is not required. */
  aliases?: readonly string[];
  /** Adjectives and nouns for its people or state ("Chinese"): count for the jurisdiction, not as a place. */
  demonyms?: readonly string[];
  /** Seats of government, often used for the state itself ("Beijing warned"). */
  capitals?: readonly string[];
}

export interface KnownOrganization {
  name: string;
  aliases?: readonly string[];
  jurisdiction?: string;
}

export const CATEGORIES: readonly Category[] = [
  {
    slug: "dual-use-technology",
    name: "Dual-use technology",
    description: "Goods, software and know-how with both civilian and military uses, and their diversion to military end users.",
    generic: true,
    terms: [
      "dual-use",
      "dual-use technology",
      "dual-use tech",
      "dual-use good",
      "dual-use item",
      "dual-use export",
      "military end use",
      "military end user",
      "defense industrial base",
      "defence industrial base",
      "defense industry",
      "defence industry",
      "defense sector",
      "defence sector",
      "military-industrial complex",
      "military industrial base",
      "export control",
      "Entity List",
      "common high priority list",
      "high priority item",
      "technology transfer",
      "diversion",
      "transshipment",
      // The Export Administration Regulations' own vocabulary, in every U.S. export-control rule and notice.
      "Export Administration Regulations",
      "EAR",
      "Commerce Control List",
      "license requirement",
      "license exception",
      "export license",
      "sensitive technology",
    ],
    weakTerms: ["military", "military capabilities", "defense capabilities", "defence capabilities", "weapon", "arms", "military aid"],
  },
  {
    slug: "financial-institutions",
    name: "Financial institutions",
    description: "Banks, payment channels and other financial intermediaries exposed to sanctions, including secondary sanctions.",
    terms: [
      "bank",
      "financial institution",
      "financial sector",
      "secondary sanction",
      "correspondent bank",
      "correspondent account",
      "SWIFT",
      "CIPS",
      "SPFS",
      "payment system",
      "cross-border payment",
      "trade finance",
      "letter of credit",
      "money laundering",
      "asset freeze",
      "frozen asset",
      "sanctions evasion",
    ],
    weakTerms: ["payment", "lender", "yuan", "renminbi", "ruble", "rouble", "cryptocurrency", "financing", "transaction"],
  },
  {
    slug: "microelectronics-chips",
    name: "Microelectronics and chips",
    description: "Semiconductors, integrated circuits and the electronic components and tools to make them.",
    within: "dual-use-technology",
    terms: [
      "chip",
      "microchip",
      "semiconductor",
      "microelectronics",
      "integrated circuit",
      "microprocessor",
      "microcontroller",
      "memory chip",
      "FPGA",
      "GPU",
      "transistor",
      "electronic component",
      "circuit board",
      "wafer",
      "lithography",
      "chipmaker",
    ],
    weakTerms: ["electronics", "processor", "capacitor", "component"],
  },
  {
    slug: "engines-propulsion",
    name: "Engines and propulsion",
    description: "Engines, turbines and propulsion for missiles, drones, aircraft and military vehicles.",
    within: "dual-use-technology",
    terms: [
      "engine",
      "turbojet",
      "turbofan",
      "turboprop",
      "gas turbine",
      "jet engine",
      "diesel engine",
      "piston engine",
      "rocket motor",
      "propulsion",
      "cruise missile",
      "drone",
      "UAV",
      "unmanned aerial vehicle",
      "unmanned aircraft",
    ],
    weakTerms: ["motor", "turbine", "missile", "aircraft"],
  },
  {
    slug: "other",
    name: "Other",
    description: "Anything that fits none of the categories above.",
    terms: [],
  },
];

// Headings chosen for export-control work (largely the EU/US/UK/JP "common high priority" items).
// Descriptions are shortened forms of the official HS 2022 heading texts.
export const HS_HEADINGS: readonly HsHeading[] = [
  {
    code: "8542",
    description: "Electronic integrated circuits",
    terms: ["integrated circuit", "chip", "microchip", "microprocessor", "microcontroller", "memory chip", "FPGA", "GPU"],
    weakTerms: ["processor", "semiconductor", "microelectronics"],
  },
  {
    code: "8541",
    description: "Semiconductor devices (diodes, transistors, photosensitive devices, LEDs)",
    terms: ["semiconductor device", "transistor", "diode", "photovoltaic cell", "light-emitting diode"],
    weakTerms: ["semiconductor"],
  },
  {
    code: "8486",
    description: "Machines for making semiconductor wafers, devices, integrated circuits or flat panel displays",
    terms: ["lithography", "chipmaking equipment", "wafer fabrication", "semiconductor manufacturing equipment"],
    weakTerms: ["wafer"],
  },
  {
    code: "8471",
    description: "Automatic data-processing machines (computers) and units thereof",
    terms: ["computer", "server", "laptop", "data-processing machine"],
  },
  {
    code: "8517",
    description: "Telephone sets and apparatus for transmitting or receiving voice, images or data",
    terms: ["telecommunications equipment", "router", "network equipment", "modem", "smartphone"],
    weakTerms: ["communications equipment"],
  },
  {
    code: "8525",
    description: "Transmission apparatus for radio or television; television and digital cameras",
    terms: ["radio transmitter", "television camera", "digital camera", "thermal camera"],
    weakTerms: ["camera"],
  },
  {
    code: "8526",
    description: "Radar apparatus, radio navigational aid apparatus and radio remote control apparatus",
    terms: ["radar", "GNSS", "GPS receiver", "satellite navigation", "radio navigation", "radio remote control"],
  },
  {
    code: "8532",
    description: "Electrical capacitors, fixed, variable or adjustable",
    terms: ["capacitor"],
  },
  {
    code: "8536",
    description: "Electrical apparatus for switching, protecting or connecting circuits, for voltages up to 1,000 V",
    terms: ["electrical connector", "relay", "circuit breaker"],
    weakTerms: ["connector"],
  },
  {
    code: "8507",
    description: "Electric accumulators (batteries)",
    terms: ["lithium-ion battery", "battery", "accumulator"],
  },
  {
    code: "8501",
    description: "Electric motors and generators",
    terms: ["electric motor", "brushless motor", "generator"],
  },
  {
    code: "8411",
    description: "Turbojets, turbopropellers and other gas turbines",
    // Cruise missiles are powered by small turbojet or turbofan engines.
    terms: ["turbojet", "turbofan", "turboprop", "gas turbine", "jet engine", "cruise missile"],
    weakTerms: ["engine", "turbine"],
  },
  {
    code: "8412",
    description: "Other engines and motors (including reaction engines other than turbojets)",
    terms: ["rocket motor", "rocket engine", "ramjet", "hydraulic motor"],
  },
  {
    code: "8407",
    description: "Spark-ignition reciprocating or rotary internal combustion piston engines",
    terms: ["piston engine", "internal combustion engine", "spark-ignition engine", "rotary engine"],
    weakTerms: ["engine"],
  },
  {
    code: "8408",
    description: "Compression-ignition internal combustion piston engines (diesel engines)",
    terms: ["diesel engine", "compression-ignition engine"],
    weakTerms: ["engine"],
  },
  {
    code: "8409",
    description: "Parts for the engines of heading 8407 or 8408",
    terms: ["engine part", "cylinder head", "piston"],
  },
  {
    code: "8482",
    description: "Ball or roller bearings",
    terms: ["ball bearing", "roller bearing", "bearing"],
  },
  {
    code: "8806",
    description: "Unmanned aircraft",
    terms: ["drone", "UAV", "unmanned aerial vehicle", "unmanned aircraft", "loitering munition"],
  },
  {
    code: "8807",
    description: "Parts of aircraft, spacecraft and unmanned aircraft (headings 8801, 8802, 8806)",
    terms: ["aircraft part", "drone part", "propeller", "airframe"],
  },
  {
    code: "8802",
    description: "Other aircraft (helicopters, aeroplanes); spacecraft and launch vehicles",
    terms: ["helicopter", "aeroplane", "airplane", "spacecraft", "launch vehicle"],
    weakTerms: ["aircraft"],
  },
  {
    code: "8457",
    description: "Machining centres and unit construction machines for working metal",
    terms: ["machining centre", "machining center", "CNC machine"],
    weakTerms: ["machine tool"],
  },
  {
    code: "8458",
    description: "Lathes (including turning centres) for removing metal",
    terms: ["lathe", "turning centre", "turning center"],
  },
  {
    code: "9013",
    description: "Lasers; liquid crystal devices; other optical appliances and instruments",
    terms: ["laser", "optical sight", "night vision", "optics"],
  },
  {
    code: "9014",
    description: "Direction-finding compasses; other navigational instruments and appliances",
    terms: ["navigation system", "navigational instrument", "gyroscope", "inertial navigation", "compass"],
    weakTerms: ["navigation"],
  },
  {
    code: "9030",
    description: "Oscilloscopes, spectrum analysers and instruments for measuring electrical quantities",
    terms: ["oscilloscope", "spectrum analyser", "spectrum analyzer", "signal analyzer"],
  },
  {
    code: "9306",
    description: "Bombs, grenades, torpedoes, mines, missiles, cartridges and other ammunition, and parts",
    terms: ["ammunition", "artillery shell", "munition", "grenade", "torpedo"],
    weakTerms: ["missile", "shell"],
  },
];

// General sanctions vocabulary: it marks a passage as relevant without pointing to a category.
export const SIGNAL_TERMS: TermList = {
  terms: ["sanction", "export control", "Export Administration Regulations", "Entity List", "Specially Designated Nationals", "Office of Foreign Assets Control", "OFAC", "embargo", "evasion", "circumvention", "front company", "shell company", "designation", "blacklist"],
  weakTerms: ["punitive measure", "penalty", "restriction", "crackdown"],
};

// Titles that introduce a person's name ("Foreign Minister Wang Yi"). Longer titles are tried first.
export const PERSON_TITLES: readonly string[] = [
  "Secretary of State",
  "Deputy Secretary of State",
  "Secretary of the Treasury",
  "Secretary of Commerce",
  "Secretary of Defense",
  "Treasury Secretary",
  "Commerce Secretary",
  "Defense Secretary",
  "Foreign Secretary",
  "Secretary-General",
  "Secretary General",
  "Secretary",
  "Vice President",
  "President",
  "Prime Minister",
  "Deputy Prime Minister",
  "Foreign Minister",
  "Defense Minister",
  "Defence Minister",
  "Finance Minister",
  "Minister",
  "Chancellor",
  "Ambassador",
  "Envoy",
  "Senator",
  "Sen.",
  "Representative",
  "Rep.",
  "Governor",
  "Gov.",
  "Chairman",
  "Chairwoman",
  "Chair",
  "Director",
  "Commissioner",
  "Spokesperson",
  "Spokesman",
  "Spokeswoman",
  "Undersecretary",
  "Under Secretary",
  "Assistant Secretary",
  "Deputy Secretary",
  "Assistant Attorney General",
  "Deputy Attorney General",
  "Attorney General",
  "Gen.",
  "Admiral",
  "Adm.",
  "CEO",
  "Chief Executive",
  "Mr.",
  "Mrs.",
  "Ms.",
  "Dr.",
  "Mr",
  "Mrs",
  "Ms",
  "Dr",
];

// Words that never belong inside a person's name even when capitalised.
export const NOT_NAME_WORDS: readonly string[] = [
  "Secretary", "Deputy", "Minister", "Foreign", "Treasury", "State", "President", "Vice", "Prime", "Ministry",
  "Department", "Chancellor", "Ambassador", "Senator", "Governor", "Chairman", "Director", "Commissioner",
  "Spokesperson", "Spokesman", "General", "Admiral", "Defense", "Defence", "Finance", "Commerce", "Chief",
  "Executive", "Assistant", "Under", "Envoy", "Representative", "Mr", "Mrs", "Ms", "Dr", "The", "A", "An",
  "And", "Of", "In", "On", "At", "For", "To", "By", "With", "From", "During", "After", "Before", "While",
  "However", "But", "This", "That", "These", "Those", "Why", "What", "Key", "Takeaways", "Updated", "New",
  "Update", "Visit", "Sanctions", "Sanction", "Correspondents", "Correspondent", "Reporter", "Editor",
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
];

// Capitalised adjectives that name no one ("European security"): not worth asking the tagger about.
export const CAPITALISED_ADJECTIVES: readonly string[] = [
  "European", "Asian", "African", "Arab", "Western", "Eastern", "Northern", "Southern", "Latin", "Nordic",
  "Baltic", "Atlantic", "Pacific", "Islamic", "Muslim", "Christian", "Soviet", "Communist", "English",
];

// Head words that make a capitalised phrase an organisation ("... Ministry", "Bank of ...").
export const ORGANIZATION_HEAD_WORDS: readonly string[] = [
  "Bank", "Ministry", "Department", "Agency", "Corporation", "Corp", "Company", "Co", "Ltd", "Limited", "Inc",
  "LLC", "Group", "Holdings", "Industries", "Technologies", "Technology", "Electronics", "Council", "Commission",
  "Committee", "Institute", "University", "Office", "Bureau", "Fund", "Organization", "Organisation",
  "Association", "Authority", "Administration", "Parliament", "Exchange", "Alliance", "Forces", "Army", "Navy",
  "School", "Center", "Centre", "Foundation", "Service", "Services", "Systems", "Trading", "Directorate", "Regime",
  "Coalition", "Society", "Guard", "Force", "Team", "Senate", "Division", "Network", "Airlines", "Airline", "Enterprise",
  "Enterprises", "Plant", "Factory", "Works", "Secretariat", "Court", "Board",
];

export const KNOWN_ORGANIZATIONS: readonly KnownOrganization[] = [
  { name: "US Department of State", aliases: ["State Department", "US State Department", "U.S. State Department", "Department of State"], jurisdiction: "US" },
  { name: "US Department of the Treasury", aliases: ["Treasury Department", "US Treasury", "U.S. Treasury", "Department of the Treasury", "Department of Treasury"], jurisdiction: "US" },
  { name: "Office of Foreign Assets Control", aliases: ["OFAC"], jurisdiction: "US" },
  { name: "Financial Crimes Enforcement Network", aliases: ["FinCEN"], jurisdiction: "US" },
  { name: "US Department of Commerce", aliases: ["Commerce Department", "Department of Commerce"], jurisdiction: "US" },
  { name: "Bureau of Industry and Security", aliases: ["BIS"], jurisdiction: "US" },
  { name: "US Department of Justice", aliases: ["Justice Department", "Department of Justice", "DOJ"], jurisdiction: "US" },
  { name: "Directorate of Defense Trade Controls", aliases: ["DDTC"], jurisdiction: "US" },
  { name: "Federal Bureau of Investigation", aliases: ["FBI"], jurisdiction: "US" },
  { name: "US Department of Homeland Security", aliases: ["Department of Homeland Security", "DHS"], jurisdiction: "US" },
  { name: "Homeland Security Investigations", aliases: ["HSI"], jurisdiction: "US" },
  { name: "US Department of Defense", aliases: ["Department of Defense", "Defense Department", "DoD"], jurisdiction: "US" },
  { name: "Bank for International Settlements", jurisdiction: "CH" },
  { name: "White House", jurisdiction: "US" },
  { name: "Pentagon", jurisdiction: "US" },
  { name: "European Commission", jurisdiction: "EU" },
  { name: "Council of the European Union", aliases: ["Council of the EU", "EU Council"], jurisdiction: "EU" },
  { name: "European Council", jurisdiction: "EU" },
  { name: "European External Action Service", aliases: ["EEAS"], jurisdiction: "EU" },
  { name: "HM Treasury", aliases: ["Her Majesty's Treasury", "His Majesty's Treasury"], jurisdiction: "GB" },
  { name: "Office of Financial Sanctions Implementation", aliases: ["OFSI"], jurisdiction: "GB" },
  { name: "Office of Trade Sanctions Implementation", aliases: ["OTSI"], jurisdiction: "GB" },
  { name: "Foreign, Commonwealth and Development Office", aliases: ["FCDO", "Foreign, Commonwealth & Development Office"], jurisdiction: "GB" },
  { name: "Export Control Joint Unit", aliases: ["ECJU"], jurisdiction: "GB" },
  { name: "United Nations", aliases: ["UN"] },
  { name: "UN Security Council", aliases: ["United Nations Security Council", "Security Council"] },
  { name: "NATO", aliases: ["North Atlantic Treaty Organization"] },
  { name: "G7", aliases: ["Group of Seven"] },
  { name: "Financial Action Task Force", aliases: ["FATF"] },
  { name: "SWIFT" },
  { name: "World Trade Organization", aliases: ["WTO"] },
  { name: "International Monetary Fund", aliases: ["IMF"] },
  { name: "Kremlin", jurisdiction: "RU" },
  { name: "Rostec", jurisdiction: "RU" },
  { name: "Rosoboronexport", jurisdiction: "RU" },
  { name: "Sberbank", jurisdiction: "RU" },
  { name: "VTB Bank", aliases: ["VTB"], jurisdiction: "RU" },
  { name: "Gazprom", jurisdiction: "RU" },
  { name: "Rosneft", jurisdiction: "RU" },
  { name: "Huawei", jurisdiction: "CN" },
  { name: "SMIC", aliases: ["Semiconductor Manufacturing International Corporation"], jurisdiction: "CN" },
  { name: "ZTE", jurisdiction: "CN" },
  { name: "Islamic Revolutionary Guard Corps", aliases: ["IRGC"], jurisdiction: "IR" },
];

// Regions and seas worth naming as places; they belong to no single jurisdiction.
export const REGIONS: readonly string[] = [
  "Europe", "Asia", "Africa", "Middle East", "Indo-Pacific", "Central Asia", "Southeast Asia", "East Asia",
  "South Asia", "Caucasus", "South Caucasus", "Balkans", "Sahel", "Arctic", "Latin America", "North America",
  "South America", "Central America", "South China Sea", "East China Sea", "Taiwan Strait", "Black Sea",
  "Red Sea", "Baltic Sea", "Caspian Sea", "Persian Gulf", "Gulf of Aden", "Strait of Hormuz", "Indian Ocean",
  "Pacific", "Crimea", "Donbas", "Gaza", "West Bank",
];

export const JURISDICTIONS: readonly Jurisdiction[] = [
  { code: "US", name: "United States", aliases: ["United States of America", "USA", "U.S.A.", "U.S.", "US", "America"], demonyms: ["American"], capitals: ["Washington"] },
  { code: "CN", name: "China", aliases: ["People's Republic of China", "PRC", "Mainland China"], demonyms: ["Chinese"], capitals: ["Beijing"] },
  { code: "RU", name: "Russia", aliases: ["Russian Federation"], demonyms: ["Russian"], capitals: ["Moscow"] },
  { code: "UA", name: "Ukraine", demonyms: ["Ukrainian"], capitals: ["Kyiv", "Kiev"] },
  { code: "BY", name: "Belarus", demonyms: ["Belarusian", "Belarussian"], capitals: ["Minsk"] },
  { code: "IR", name: "Iran", aliases: ["Islamic Republic of Iran"], demonyms: ["Iranian"], capitals: ["Tehran"] },
  { code: "KP", name: "North Korea", aliases: ["DPRK", "Democratic People's Republic of Korea"], demonyms: ["North Korean"], capitals: ["Pyongyang"] },
  { code: "KR", name: "South Korea", aliases: ["Republic of Korea"], demonyms: ["South Korean"], capitals: ["Seoul"] },
  { code: "SY", name: "Syria", demonyms: ["Syrian"], capitals: ["Damascus"] },
  { code: "VE", name: "Venezuela", demonyms: ["Venezuelan"], capitals: ["Caracas"] },
  { code: "CU", name: "Cuba", demonyms: ["Cuban"], capitals: ["Havana"] },
  { code: "NI", name: "Nicaragua", demonyms: ["Nicaraguan"] },
  { code: "MM", name: "Myanmar", aliases: ["Burma"], demonyms: ["Burmese"] },
  { code: "AF", name: "Afghanistan", demonyms: ["Afghan"], capitals: ["Kabul"] },
  { code: "IQ", name: "Iraq", demonyms: ["Iraqi"], capitals: ["Baghdad"] },
  { code: "LB", name: "Lebanon", demonyms: ["Lebanese"], capitals: ["Beirut"] },
  { code: "YE", name: "Yemen", demonyms: ["Yemeni"] },
  { code: "LY", name: "Libya", demonyms: ["Libyan"], capitals: ["Tripoli"] },
  { code: "SD", name: "Sudan", demonyms: ["Sudanese"], capitals: ["Khartoum"] },
  { code: "SS", name: "South Sudan", demonyms: ["South Sudanese"] },
  { code: "SO", name: "Somalia", demonyms: ["Somali"], capitals: ["Mogadishu"] },
  { code: "ML", name: "Mali", demonyms: ["Malian"], capitals: ["Bamako"] },
  { code: "CF", name: "Central African Republic" },
  { code: "CD", name: "Democratic Republic of the Congo", aliases: ["DRC"] },
  { code: "ZW", name: "Zimbabwe", demonyms: ["Zimbabwean"] },
  { code: "ER", name: "Eritrea", demonyms: ["Eritrean"] },
  { code: "HK", name: "Hong Kong" },
  { code: "MO", name: "Macao", aliases: ["Macau"] },
  { code: "TW", name: "Taiwan", demonyms: ["Taiwanese"], capitals: ["Taipei"] },
  { code: "JP", name: "Japan", demonyms: ["Japanese"], capitals: ["Tokyo"] },
  { code: "IN", name: "India", demonyms: ["Indian"], capitals: ["New Delhi"] },
  { code: "PK", name: "Pakistan", demonyms: ["Pakistani"], capitals: ["Islamabad"] },
  { code: "TR", name: "Turkey", aliases: ["Türkiye", "Turkiye"], demonyms: ["Turkish"], capitals: ["Ankara"] },
  { code: "AE", name: "United Arab Emirates", aliases: ["UAE"], demonyms: ["Emirati"], capitals: ["Abu Dhabi", "Dubai"] },
  { code: "SA", name: "Saudi Arabia", demonyms: ["Saudi"], capitals: ["Riyadh"] },
  { code: "QA", name: "Qatar", demonyms: ["Qatari"], capitals: ["Doha"] },
  { code: "IL", name: "Israel", demonyms: ["Israeli"] },
  { code: "EG", name: "Egypt", demonyms: ["Egyptian"], capitals: ["Cairo"] },
  { code: "KZ", name: "Kazakhstan", demonyms: ["Kazakh", "Kazakhstani"], capitals: ["Astana"] },
  { code: "KG", name: "Kyrgyzstan", aliases: ["Kyrgyz Republic"], demonyms: ["Kyrgyz"], capitals: ["Bishkek"] },
  { code: "UZ", name: "Uzbekistan", demonyms: ["Uzbek"], capitals: ["Tashkent"] },
  { code: "TJ", name: "Tajikistan", demonyms: ["Tajik"], capitals: ["Dushanbe"] },
  { code: "TM", name: "Turkmenistan", demonyms: ["Turkmen"] },
  { code: "AM", name: "Armenia", demonyms: ["Armenian"], capitals: ["Yerevan"] },
  { code: "AZ", name: "Azerbaijan", demonyms: ["Azerbaijani"], capitals: ["Baku"] },
  { code: "GE", name: "Georgia", capitals: ["Tbilisi"] },
  { code: "MD", name: "Moldova", demonyms: ["Moldovan"], capitals: ["Chisinau"] },
  { code: "MN", name: "Mongolia", demonyms: ["Mongolian"] },
  { code: "TH", name: "Thailand", demonyms: ["Thai"], capitals: ["Bangkok"] },
  { code: "VN", name: "Vietnam", aliases: ["Viet Nam"], demonyms: ["Vietnamese"], capitals: ["Hanoi"] },
  { code: "MY", name: "Malaysia", demonyms: ["Malaysian"], capitals: ["Kuala Lumpur"] },
  { code: "SG", name: "Singapore", demonyms: ["Singaporean"] },
  { code: "ID", name: "Indonesia", demonyms: ["Indonesian"], capitals: ["Jakarta"] },
  { code: "PH", name: "Philippines", demonyms: ["Philippine", "Filipino"], capitals: ["Manila"] },
  { code: "EU", name: "European Union", aliases: ["EU", "E.U."], capitals: ["Brussels"] },
  { code: "GB", name: "United Kingdom", aliases: ["UK", "U.K.", "Britain", "Great Britain"], demonyms: ["British"], capitals: ["London"] },
  { code: "DE", name: "Germany", demonyms: ["German"], capitals: ["Berlin"] },
  { code: "FR", name: "France", demonyms: ["French"], capitals: ["Paris"] },
  { code: "IT", name: "Italy", demonyms: ["Italian"], capitals: ["Rome"] },
  { code: "ES", name: "Spain", demonyms: ["Spanish"], capitals: ["Madrid"] },
  { code: "NL", name: "Netherlands", aliases: ["Holland"], demonyms: ["Dutch"], capitals: ["The Hague", "Amsterdam"] },
  { code: "BE", name: "Belgium", demonyms: ["Belgian"] },
  { code: "PL", name: "Poland", demonyms: ["Polish"], capitals: ["Warsaw"] },
  { code: "CZ", name: "Czechia", aliases: ["Czech Republic"], demonyms: ["Czech"], capitals: ["Prague"] },
  { code: "FI", name: "Finland", demonyms: ["Finnish"], capitals: ["Helsinki"] },
  { code: "SE", name: "Sweden", demonyms: ["Swedish"], capitals: ["Stockholm"] },
  { code: "NO", name: "Norway", demonyms: ["Norwegian"], capitals: ["Oslo"] },
  { code: "DK", name: "Denmark", demonyms: ["Danish"], capitals: ["Copenhagen"] },
  { code: "CH", name: "Switzerland", demonyms: ["Swiss"], capitals: ["Bern"] },
  { code: "AT", name: "Austria", demonyms: ["Austrian"], capitals: ["Vienna"] },
  { code: "LT", name: "Lithuania", demonyms: ["Lithuanian"], capitals: ["Vilnius"] },
  { code: "LV", name: "Latvia", demonyms: ["Latvian"], capitals: ["Riga"] },
  { code: "EE", name: "Estonia", demonyms: ["Estonian"], capitals: ["Tallinn"] },
  { code: "CY", name: "Cyprus", demonyms: ["Cypriot"], capitals: ["Nicosia"] },
  { code: "MT", name: "Malta", demonyms: ["Maltese"] },
  { code: "GR", name: "Greece", demonyms: ["Greek"], capitals: ["Athens"] },
  { code: "HU", name: "Hungary", demonyms: ["Hungarian"], capitals: ["Budapest"] },
  { code: "RS", name: "Serbia", demonyms: ["Serbian"], capitals: ["Belgrade"] },
  { code: "CA", name: "Canada", demonyms: ["Canadian"], capitals: ["Ottawa"] },
  { code: "MX", name: "Mexico", demonyms: ["Mexican"] },
  { code: "BR", name: "Brazil", demonyms: ["Brazilian"] },
  { code: "AU", name: "Australia", demonyms: ["Australian"], capitals: ["Canberra"] },
  { code: "NZ", name: "New Zealand" },
  { code: "ZA", name: "South Africa", demonyms: ["South African"], capitals: ["Pretoria"] },
];

// Jurisdictions with their own sanctions regimes: their agencies ("OFAC", "the Council") speak in nearly
// every sanctions text whatever its theater, so for relevance they say where the news comes from, not what
// it is about (lib/analysis/relevance.ts).
export const SANCTIONING_JURISDICTIONS: readonly string[] = ["US", "EU", "GB", "CA", "JP", "AU", "CH", "NO", "NZ"];

export function hsHeadingByCode(code: string): HsHeading | undefined {
  const heading = code.replace(/\D/g, "").slice(0, 4);
  return HS_HEADINGS.find((h) => h.code === heading);
}
