"""The generic reader as a family: any government information-disclosure page, whatever its CMS.

Everything it does is the base ``parsers.family.Family``: labels wherever they stand, the
national meta tags, the known body containers of every CMS and, when none matches,
main-content extraction. ``parsers.detect`` answers ``generic`` for a page of no known family.
"""

from __future__ import annotations

from parsers.family import Family


class Generic(Family):
    name = "generic"


FAMILY = Generic()
