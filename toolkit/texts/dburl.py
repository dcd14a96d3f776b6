"""Swedish texts about a database server's address (a PostgreSQL URL)."""

from __future__ import annotations

# {url} is the address with its password masked; {reason} one of the reasons below.
URL_UNREADABLE = "Databasadressen {url} går inte att läsa: {reason}"

URL_RAW_SEPARATOR = ("användarnamn och lösenord får inte innehålla @ eller / som de står; skriv @ som %40 "
                     "och / som %2F.")
URL_BAD_PERCENT = ("ett % i adressen ska följas av två hexadecimala siffror (till exempel %40); skriv ett % i "
                   "lösenordet som %25.")
URL_WHITESPACE = "adressen får inte innehålla mellanslag; skriv ett mellanslag i lösenordet som %20."
