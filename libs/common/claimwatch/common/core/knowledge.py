"""Built-in knowledge, as data: country forms and the generic item vocabulary.

It is applied only to what a watchlist names: watching "Russia" brings in
"Russian", "Moscow" and "the Kremlin"; a system in category "air defence"
brings in "air defence systems" and "surface-to-air missiles".
"""

from __future__ import annotations

from types import MappingProxyType

MILITARY_ASSISTANCE = "military assistance"
WEAPONS = "weapons"
NON_LETHAL = "non-lethal aid"
TOP_ITEMS = (WEAPONS, MILITARY_ASSISTANCE)
PERSONNEL = "military personnel"  # sending it is a deployment, not a transfer


# country -> (aliases, demonyms, metonyms). Metonyms stand for the state in news prose.
_COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "Russia": (("Russian Federation",), ("Russian", "Russians"), ("Moscow", "the Kremlin", "Kremlin")),
    "Venezuela": (("Bolivarian Republic of Venezuela",), ("Venezuelan", "Venezuelans"), ("Caracas",)),
    "United States": (
        ("US", "U.S.", "USA", "U.S.A.", "United States of America"),
        ("American", "Americans"),
        ("Washington", "the White House", "the Pentagon"),
    ),
    "Iran": (("Islamic Republic of Iran",), ("Iranian", "Iranians"), ("Tehran",)),
    "China": (("People's Republic of China", "PRC"), ("Chinese",), ("Beijing",)),
    "North Korea": (("DPRK", "Democratic People's Republic of Korea"), ("North Korean",), ("Pyongyang",)),
    "South Korea": (("Republic of Korea", "ROK"), ("South Korean",), ("Seoul",)),
    "Ukraine": ((), ("Ukrainian", "Ukrainians"), ("Kyiv", "Kiev")),
    "Belarus": ((), ("Belarusian", "Belarusians"), ("Minsk",)),
    "Cuba": ((), ("Cuban", "Cubans"), ("Havana",)),
    "Nicaragua": ((), ("Nicaraguan",), ("Managua",)),
    "Syria": ((), ("Syrian", "Syrians"), ("Damascus",)),
    "Iraq": ((), ("Iraqi", "Iraqis"), ("Baghdad",)),
    "Turkey": (("Türkiye", "Turkiye"), ("Turkish",), ("Ankara",)),
    "India": ((), ("Indian",), ("New Delhi",)),
    "Pakistan": ((), ("Pakistani",), ("Islamabad",)),
    "Israel": ((), ("Israeli", "Israelis"), ()),
    "Saudi Arabia": (("KSA",), ("Saudi",), ("Riyadh",)),
    "Egypt": ((), ("Egyptian",), ("Cairo",)),
    "Algeria": ((), ("Algerian",), ("Algiers",)),
    "Serbia": ((), ("Serbian",), ("Belgrade",)),
    "Armenia": ((), ("Armenian",), ("Yerevan",)),
    "Azerbaijan": ((), ("Azerbaijani",), ("Baku",)),
    "Myanmar": (("Burma",), ("Burmese",), ("Naypyidaw",)),
    "Mali": ((), ("Malian",), ("Bamako",)),
    "Sudan": ((), ("Sudanese",), ("Khartoum",)),
    "Libya": ((), ("Libyan",), ("Tripoli",)),
    "Yemen": ((), ("Yemeni",), ("Sanaa",)),
    "United Kingdom": (
        ("UK", "U.K.", "Britain", "Great Britain"),
        ("British",),
        ("London", "Downing Street"),
    ),
    "France": ((), ("French",), ("Paris", "the Elysee")),
    "Germany": ((), ("German",), ("Berlin",)),
    "Poland": ((), ("Polish",), ("Warsaw",)),
    "Japan": ((), ("Japanese",), ("Tokyo",)),
    "Taiwan": ((), ("Taiwanese",), ("Taipei",)),
    "Vietnam": ((), ("Vietnamese",), ("Hanoi",)),
    "Kazakhstan": ((), ("Kazakh",), ("Astana",)),
}
COUNTRIES = MappingProxyType(_COUNTRIES)


# category -> generic surface forms (singular; plurals are derived) and head nouns that
# "the <head>" may refer back to. Every category sits under "weapons".
_CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "air defence": (
        (
            "air defence",
            "air defense",
            "air defence system",
            "air defense system",
            "air-defence system",
            "surface-to-air missile",
            "surface-to-air missile system",
            "anti-aircraft missile system",
            "SAM system",
            "defence system",
            "defense system",
            "missile defence system",
            "missile defense system",
        ),
        ("system", "battery", "missile"),
    ),
    "ballistic missile": (("ballistic missile", "intermediate-range ballistic missile"), ("missile",)),
    "cruise missile": (("cruise missile",), ("missile",)),
    "drone": (
        ("drone", "unmanned aerial vehicle", "UAV", "loitering munition", "kamikaze drone"),
        ("drone",),
    ),
    "artillery ammunition": (("artillery shell", "artillery ammunition", "artillery round"), ("shell",)),
    "fighter aircraft": (
        ("fighter aircraft", "fighter jet", "warplane"),
        ("aircraft", "jet", "fighter", "plane"),
    ),
    "transport aircraft": (
        (
            "transport aircraft",
            "cargo aircraft",
            "cargo plane",
            "transport plane",
            "military transport plane",
        ),
        ("aircraft", "plane"),
    ),
    "helicopter": (("helicopter", "attack helicopter"), ("helicopter",)),
    "tank": (("tank", "main battle tank"), ("tank",)),
    "rocket artillery": (("multiple rocket launcher", "rocket launcher", "MLRS"), ("launcher",)),
    "small arms": (("small arms", "rifle", "assault rifle"), ()),
    "military personnel": (("troops", "soldiers", "mercenaries", "military personnel", "servicemen"), ()),
}
CATEGORIES = MappingProxyType(_CATEGORIES)

# Head nouns of one kind of thing: a category the watchlist names itself ("combat aircraft") takes
# the family of any word its name or its systems' names use ("Su-35 fighter jets": "the planes").
HEAD_FAMILIES = (
    ("aircraft", "plane", "jet", "fighter", "warplane"),
    ("helicopter",),
    ("tank",),
    ("drone",),
    ("missile",),
    ("ship", "vessel", "warship"),
)

# Head nouns that may stand for a watched system of any category: "three of these systems",
# "Three squadrons have already been delivered", "the remaining units".
GENERIC_HEADS = ("system", "unit", "squadron", "battery", "regiment")

# Generic items above the categories.
TOP_TERMS = MappingProxyType(
    {
        WEAPONS: (
            "weapons",
            "weaponry",
            "arms",
            "military hardware",
            "armaments",
            "munitions",
            "weapon",
            "defence supplies",
            "defense supplies",
            "military supplies",
            "military equipment",
            "defence equipment",
            "defense equipment",
            "arms supplies",
        ),
        MILITARY_ASSISTANCE: (
            "military assistance",
            "military aid",
            "military support",
            "lethal aid",
            "defence aid",
            "defense aid",
            "security assistance",
            "military-technical assistance",
        ),
        NON_LETHAL: ("non-lethal aid", "non-lethal assistance", "humanitarian aid"),
    }
)


# Who makes well-known systems: the supplier when an article leaves it unsaid ("Turkey received
# the S-400"). A watched system takes the producer of a name its own name contains.
_PRODUCERS: dict[str, tuple[str, ...]] = {
    "Russia": (
        "S-300",
        "S-400",
        "S-500",
        "Pantsir",
        "Buk",
        "Tor-M",
        "Iskander",
        "Kalibr",
        "Oreshnik",
        "Kinzhal",
        "Su-24",
        "Su-25",
        "Su-27",
        "Su-30",
        "Su-34",
        "Su-35",
        "Su-57",
        "MiG-29",
        "MiG-31",
        "Il-76",
        "T-72",
        "T-80",
        "T-90",
        "Kh-101",
        "Kh-22",
        "Zircon",
        "Lancet",
        "Orlan",
        "Krasukha",
        "Pechora",
        "Mi-17",
        "Mi-28",
        "Ka-52",
        "Tu-160",
        "Tu-95",
        "Tu-22",
    ),
    "United States": (
        "Patriot",
        "HIMARS",
        "ATACMS",
        "Abrams",
        "Bradley",
        "Stryker",
        "F-15",
        "F-16",
        "F-18",
        "F/A-18",
        "F-22",
        "F-35",
        "Javelin",
        "Stinger",
        "Harpoon",
        "Tomahawk",
        "Black Hawk",
        "Apache",
        "MQ-9",
        "Reaper",
        "Switchblade",
        "GMLRS",
        "JDAM",
        "AMRAAM",
        "Hellfire",
        "M777",
        "Paladin",
        "Chinook",
        "C-130",
        "THAAD",
        "Typhon",
        "Hawk",
        "Humvee",
        "Avenger",
        "Sentinel",
    ),
    "Germany": ("Leopard", "IRIS-T", "Gepard", "Marder", "Taurus", "PzH 2000", "Boxer"),
    "United Kingdom": ("Challenger", "Storm Shadow", "Brimstone", "NLAW", "Starstreak"),
    "France": ("SCALP", "Rafale", "Caesar", "Mirage", "Exocet", "AMX-10", "SAMP/T"),
    "Iran": ("Shahed", "Mohajer", "Fateh", "Zolfaghar", "Arash", "Khorramshahr"),
    "Turkey": ("Bayraktar", "TB2", "Akinci", "Kizilelma", "TOGG"),
    "North Korea": ("Hwasong", "KN-23", "KN-24", "KN-25"),
    "China": ("J-10", "J-20", "JF-17", "Wing Loong", "HQ-9", "HQ-16", "CH-4", "CH-5", "DF-21"),
    "South Korea": ("K2 Black Panther", "K9 Thunder", "KF-21", "FA-50", "Chunmoo"),
    "Israel": ("Iron Dome", "David's Sling", "Arrow 3", "Spike", "Harop", "Hermes"),
    "Sweden": ("Gripen", "CV90", "Archer", "RBS 70", "Carl Gustaf"),
    "Norway": ("NASAMS", "NSM"),
    "India": ("BrahMos", "Akash", "Tejas", "Pinaka", "Dhruv", "Prithvi", "Agni"),
    "Italy": ("Aspide", "Centauro", "M109L"),
    "Poland": ("Piorun", "Krab", "Rosomak"),
    "Czech Republic": ("Vampire", "Dana", "Zuzana"),
    "Brazil": ("Astros", "Super Tucano", "Guarani"),
    "Pakistan": ("Babur", "Shaheen", "Ghauri"),
}
PRODUCERS = MappingProxyType(_PRODUCERS)


def country_forms(name: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(aliases, demonyms, metonyms) of a known country, or empties."""
    return COUNTRIES.get(name, ((), (), ()))


def plural(word: str) -> str:
    """English plural of a generic noun phrase's last word."""
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return word[:-1] + "ies"
    return word + "s"


_TRANSLIT = (("yo", "e"), ("ye", "e"), ("kh", "h"), ("iy", "y"), ("ii", "y"), ("ei", "ey"), ("ts", "tz"))


def transliterations(name: str) -> set[str]:
    """Common romanisation variants of a (Russian or Ukrainian) person name."""
    low = name.lower()
    out = {low}
    for a, b in _TRANSLIT:
        for form in list(out):
            if a in form:
                out.add(form.replace(a, b))
            if b in form and len(b) > 1:
                out.add(form.replace(b, a))
    out.discard(low)
    return out
