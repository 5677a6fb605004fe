"""The Dutch labels that ``stramien.monitor`` gives its states, marked for translation.

The pure layer knows no Django and speaks Dutch; the templates translate a label when they
show it (``{% translate row.status.label %}``), and ``makemessages`` finds the texts here.
"""

from django.utils.translation import gettext_noop

STATUS_LABELS = (
    gettext_noop("Op koers"),
    gettext_noop("Risico"),
    gettext_noop("Uit koers"),
    gettext_noop("Geen gegevens"),
    gettext_noop("Geen streefwaarde"),
)
TIMELINESS_LABELS = (
    gettext_noop("gepland"),
    gettext_noop("op tijd"),
    gettext_noop("te laat bereikt"),
    gettext_noop("over de datum"),
    gettext_noop("loopt uit"),
    gettext_noop("vervallen"),
)
MEASUREMENT_LABELS = (
    gettext_noop("Concept"),
    gettext_noop("Ingediend"),
    gettext_noop("Goedgekeurd"),
    gettext_noop("Teruggestuurd"),
)
