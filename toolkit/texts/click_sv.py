"""Swedish for click's own messages (usage errors, help headings).

click marks its texts for gettext; ``toolkit.cli`` routes them through this table. A text that is not
here is shown as click wrote it, so a newer click never breaks the CLI.
"""

MESSAGES = {
    "Error: {message}": "Fel: {message}",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Usage:": "Användning:",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Parameter saknas",
    "Missing {param_type}": "{param_type} saknas",
    "Missing parameter: {param_name}": "Parameter saknas: {param_name}",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such option: {name}": "Flaggan {name} finns inte.",
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Missing command.": "Kommando saknas.",
    "Got unexpected extra argument ({args})": "Oväntat extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Oväntade extra argument ({args})",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Option {name!r} requires an argument.": "Flaggan {name!r} behöver ett värde.",
    "Aborted!": "Avbrutet.",
    "Show this message and exit.": "Visa denna hjälp och avsluta.",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inte ett giltigt {number_type}.",
    "integer": "heltal",
    "float": "decimaltal",
    "{value} is not in the range {range}.": "{value} ligger inte i intervallet {range}.",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte något av {choices}.",
    "file": "filen",
    "directory": "mappen",
    "path": "sökvägen",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "default: {default}": "standard: {default}",
    "required": "krävs",
}

# Placeholders in usage lines and the flag column (click writes them in English).
OPTIONS_METAVAR = "[FLAGGOR]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."
TYPE_METAVARS = {"INTEGER": "HELTAL", "INTEGER RANGE": "HELTAL", "FLOAT": "DECIMALTAL", "TEXT": "TEXT"}
ARGUMENT_METAVARS = {"MASTER": "MASTERFIL", "MASTER_FILE": "MASTERFIL", "INBOX": "INKORG", "OUTDIR": "UTMAPP",
                     "OUT_DIR": "UTMAPP", "FILE_OR_DIR...": "FIL_ELLER_MAPP...", "FILES": "RETURER"}
