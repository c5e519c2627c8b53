# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The feed's cursors (§3.2): opaque to the kiosk, a small versioned payload
here, in URL-safe base64 without padding (so it needs no escaping in a
query string).

    1|<salon tag>|l|<seq>                     live: after this seq
    1|<salon tag>|s|<seq>|<rank>|<row id>     snapshot started at seq, after (rank, id)

The salon tag (the salon id's first 8 hex digits) catches a cursor sent by a
device of another salon (a re-paired kiosk that kept its old cursor); such a
cursor is answered like an expired one, so the kiosk starts a snapshot.
"""

import base64
import binascii
from dataclasses import dataclass
from typing import Optional

VERSION = "1"


class BadCursor(ValueError):
    pass


class ForeignCursor(ValueError):
    """A well-formed cursor of another salon."""


@dataclass
class Cursor:
    seq: int
    snapshot: bool = False
    rank: int = 0
    row_id: str = ""

    def encode(self, salon_id) -> str:
        tag = salon_tag(salon_id)
        if self.snapshot:
            raw = "|".join([VERSION, tag, "s", str(self.seq), str(self.rank), self.row_id])
        else:
            raw = "|".join([VERSION, tag, "l", str(self.seq)])
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def salon_tag(salon_id) -> str:
    return str(salon_id).replace("-", "")[:8]


def decode(text: str, salon_id) -> Cursor:
    if not text or len(text) > 300:
        raise BadCursor(text)
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor(text)
    parts = raw.split("|")
    if len(parts) < 4 or parts[0] != VERSION:
        raise BadCursor(text)
    try:
        seq = int(parts[3])
        if seq < 0:
            raise BadCursor(text)
        if parts[2] == "l" and len(parts) == 4:
            cursor = Cursor(seq=seq)
        elif parts[2] == "s" and len(parts) == 6:
            cursor = Cursor(seq=seq, snapshot=True, rank=int(parts[4]), row_id=parts[5])
            if cursor.rank < 0:
                raise BadCursor(text)
        else:
            raise BadCursor(text)
    except ValueError:
        raise BadCursor(text)
    if parts[1] != salon_tag(salon_id):
        raise ForeignCursor(text)
    return cursor


def live(seq: int) -> Cursor:
    return Cursor(seq=seq)


def maybe_decode(text: Optional[str], salon_id) -> Optional[Cursor]:
    return None if text is None else decode(text, salon_id)
