"""Swedish texts of the history's database: where it lives (an SQLite file or a PostgreSQL server), refusals,
and the rebuild from the archive."""

DB_CANNOT_OPEN_SERVER = ("Historikdatabasen {path} går inte att nå: {reason}. Kontrollera adressen, användarnamnet "
                         "och lösenordet, och att databasservern är igång.")
DB_NEEDS_PSYCOPG = ("Historikdatabasen {url} ligger på en PostgreSQL-server, men tillägget för PostgreSQL är inte "
                    "installerat. Installera det med: pip install 'nplan[postgres]'.")
DB_ON_NETWORK = ("Historikdatabasen {path} ligger på en nätverksenhet ({fs}). SQLite-filer på nätverksenheter kan "
                 "skadas när flera arbetar i dem samtidigt, eftersom låsningen där inte är pålitlig. Lägg databasen "
                 "på din egen dator (t.ex. C:\\nplan\\nplan.sqlite), eller använd en gemensam PostgreSQL-databas "
                 "(postgresql://...) i inställningen 'Databas (fil)' eller med --db. Vill du ändå använda filen där "
                 "den ligger, och är säker på att bara en person i taget kör nplan mot den, ange "
                 "--sqlite-pa-natverksenhet.")
HELP_NETWORK_OVERRIDE = ("Använd en SQLite-databas som ligger på en nätverksenhet ändå. Risk: SQLite:s låsning "
                         "fungerar inte pålitligt på nätverksenheter, så om två personer kör samtidigt kan "
                         "databasen skadas eller inlämningar försvinna. Använd hellre en lokal fil eller "
                         "PostgreSQL.")
