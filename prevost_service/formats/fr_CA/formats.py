# Django's fr_CA formats write "H h i" with an unescaped "h" (the 12-hour format character), which
# renders "05 05 05" for 5:05. Same formats, with the literal "h" escaped: "5 h 05" style as in Québec.
from django.conf.locale.fr_CA.formats import *  # noqa: F403

TIME_FORMAT = "H\xa0\\h\xa0i"  # 13 h 40
DATETIME_FORMAT = "j F Y, H\xa0\\h\xa0i"  # 31 janvier 2024, 13 h 40
SHORT_DATETIME_FORMAT = "Y-m-d H\xa0\\h\xa0i"
