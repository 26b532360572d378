# Django's French formats, with the time introduced as French writes it:
# « 19 février 2027 à 23:59 » (Django's own has no word between the date and the time).
from django.conf.locale.fr.formats import *  # noqa: F403

DATETIME_FORMAT = "j F Y à H:i"
