"""Swedish texts of e-mail: reading returns out of mails (.eml, .msg) and the reminder drafts.

Imports nothing from toolkit. Placeholders in braces are filled with ``str.format``.
"""

from __future__ import annotations

# ---- reading a mail ----
MAIL_TOO_LARGE = ("Mejlet {name} är för stort för att läsas ({size}, högst {limit}). Spara bilagan med returen "
                  "direkt i inkorgen i stället.")
MAIL_EMPTY = "Mejlfilen {name} är tom."
MAIL_NOT_A_FILE = ("{name} är ingen vanlig fil (utan till exempel en mapp, en namngiven pipe eller en enhet) och "
                   "läses därför inte.")
MAIL_CANNOT_READ = "Mejlfilen {name} går inte att läsa: {reason}."
MAIL_UNREADABLE = ("Mejlfilen {name} går inte att tolka som ett mejl ({reason}). Spara bilagan med returen "
                   "direkt i inkorgen i stället.")
MAIL_NOT_A_MAIL = ("{name} är inget mejl (filen saknar mejlhuvud med avsändare, mottagare eller ämne). Spara "
                   "mejlet igen i .eml-format, eller spara bilagan med returen direkt i inkorgen.")
MAIL_IS_TNEF = ("{name} är en winmail.dat-fil: Outlooks eget format (TNEF) för mejl skickade som RTF. Den "
                "går inte att läsa. Be avsändaren skicka returen igen som vanlig bilaga (i Outlook: mejlformat "
                "HTML eller Oformaterad text, inte RTF).")
# An Outlook file (.msg) without the optional support installed.
MSG_NOT_SUPPORTED = ("{name} är ett Outlook-mejl (.msg), och stöd för .msg-filer är inte installerat i den här "
                     "nplan-installationen. Öppna mejlet i Outlook och spara Excel-bilagan direkt i inkorgen "
                     "(högerklicka på bilagan och välj Spara som), eller spara mejlet som .eml (i nya Outlook och "
                     "Outlook på webben: Spara som eller Ladda ned) och lägg .eml-filen i inkorgen. Den som "
                     "installerar nplan kan lägga till stödet för .msg (tillägget nplan[msg]).")
MSG_UNREADABLE = ("Outlook-mejlet {name} går inte att läsa ({reason}). Öppna det i Outlook och spara "
                  "Excel-bilagan direkt i inkorgen.")
MSG_SIZES_INCONSISTENT = "filen anger större innehåll än den rymmer, så den är skadad"

# ---- problems with one attachment (the mail itself was read) ----
ATTACHMENT_TNEF = ("Bilagan {name} är i Outlooks eget format (winmail.dat, TNEF) och går inte att läsa. Be "
                   "avsändaren skicka returen igen som vanlig bilaga (i Outlook: mejlformat HTML eller "
                   "Oformaterad text, inte RTF).")
ATTACHMENT_MSG_NOT_SUPPORTED = ("Bilagan {name} är ett bifogat Outlook-mejl (.msg), och stöd för .msg-filer är "
                                "inte installerat. Öppna det bifogade mejlet och spara Excel-bilagan direkt i "
                                "inkorgen.")
ATTACHMENT_MSG_UNREADABLE = ("Bilagan {name} är ett bifogat Outlook-mejl (.msg) som inte går att läsa "
                             "({reason}). Öppna det och spara Excel-bilagan direkt i inkorgen.")
ATTACHMENT_BY_REFERENCE = ("Bilagan {name} är bara en länk till en fil någon annanstans, inte själva filen. Be "
                           "avsändaren bifoga returen som fil.")
ATTACHMENT_ENCRYPTED = ("Bilagan {name} är krypterad (S/MIME) och går inte att läsa. Be avsändaren skicka "
                        "returen okrypterad, eller spara den dekrypterade Excel-bilagan direkt i inkorgen.")
ATTACHMENT_TOO_DEEP = ("Mejlet innehåller vidarebefordrade mejl i fler än {depth} nivåer; bilagor längre in "
                       "har inte lästs. Spara bilagan med returen direkt i inkorgen.")
# A problem with the mail as a whole, noted when it was read anyway.
MAIL_DAMAGED = ("Mejlets uppbyggnad (MIME) är skadad, så bilagor kan saknas eller vara ofullständiga. Spara "
                "bilagan med returen direkt i inkorgen om den saknas.")

# The name of an attachment that comes without one ("bilaga.xlsx", "bilaga (2).xlsx").
ATTACHMENT_STEM = "bilaga"
# An attached Outlook item without a name; a mail read from bytes without a name.
ATTACHED_MSG_NAME = "bifogat mejl.msg"
UNNAMED_MAIL = "mejlet"

# ---- drafts ----
DRAFT_BAD_ADDRESS = "Mottagaradressen {address!r} ({name}) är ingen giltig e-postadress."
DRAFT_BAD_SENDER = "Avsändaradressen {address!r} är ingen giltig e-postadress."
DRAFT_BAD_HEADER = "Utkastets {field} går inte att skriva i ett mejl: {reason}."
DRAFT_FIELDS = {"subject": "ämnesrad", "to": "mottagare", "from": "avsändare", "date": "datum"}

# ---- the reminder (a draft the controller reviews and sends) ----
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
DATE_LONG = "{weekday} {day} {month} {year}"  # "fredag 18 september 2026"
DETAIL_BULLET = "- {text}"

REMINDER_MISSING_SUBJECT = "Påminnelse: uppföljning {period} från {unit}{committee_part}"
REMINDER_MISSING_BODY = """\
Hej,

Vi har ännu inte fått uppföljningen för {period} från {unit}. {deadline_sentence} Uppföljningen behövs till \
rapporten för {committee}.

Den tomma returen finns bifogad. Fyll i den i Excel, spara och skicka tillbaka filen som bilaga i ett svar på \
det här mejlet.{details}

Har ni redan skickat den? Svara då med filen igen, så ser vi till att den kommer med.

Tack på förhand!

{signature}
"""
DEADLINE_PAST = "Sista dag att lämna den var {deadline}."
DEADLINE_COMING = "Sista dag att lämna den är {deadline}."
DEADLINE_UNKNOWN = "Skicka den så snart ni kan."
REMINDER_MISSING_DETAILS = "\n\nDet här saknas:\n{items}"

REMINDER_REJECTED_SUBJECT = "Komplettering: uppföljning {period} från {unit}{committee_part}"
REMINDER_REJECTED_BODY = """\
Hej,

Tack för uppföljningen för {period} från {unit}. Returen kan tyvärr inte tas med i rapporten för {committee} \
som den är, eftersom några uppgifter saknas eller behöver rättas:

{details}

I den bifogade kopian av er retur är de celler som behöver åtgärdas markerade och kommenterade. Rätta \
uppgifterna i er retur (det ni redan har fyllt i behöver inte skrivas in igen), spara och skicka tillbaka \
filen som bilaga i ett svar på det här mejlet{deadline_clause}.

Hör av er om något är oklart.

{signature}
"""
REJECTED_DEADLINE = ", senast {deadline}"
REJECTED_SOON = ", så snart ni kan"
REJECTED_NO_DETAILS = "- Se markeringarna i den bifogade kopian."
DEFAULT_SIGNATURE = "Vänliga hälsningar"
SUBJECT_COMMITTEE = " ({committee})"
# In the body when the plan names no committee.
DEFAULT_COMMITTEE = "nämnden"
