#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# The screenshots are current in the cheap sense: every picture the AppStream
# metainfo and the README name is in data/screenshots/ (a metainfo URL
# https://salonity.com.tr/kiosk/screenshots/X names data/screenshots/X), is a
# PNG of the size build-aux/quickstart screenshots takes (1280×800) and of
# the size the metainfo says; every screenshot comes in every language of
# po/LINGUAS; no picture in data/screenshots/ is left that nothing names; and
# the README says how to take them again.
#
# Usage: check-screenshots.py SOURCE_DIR

import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

URL_BASE = "https://salonity.com.tr/kiosk/screenshots/"
SIZE = (1280, 800)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REGENERATE = "build-aux/quickstart screenshots"


def png_size(path):
    """(width, height) of a PNG, from its IHDR chunk; None if not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    srcdir = sys.argv[1]
    shots_dir = os.path.join(srcdir, "data", "screenshots")
    problems = []
    named = set()

    def check_file(relative, where, size=SIZE):
        path = os.path.join(shots_dir, relative)
        named.add(os.path.normpath(relative))
        if not os.path.isfile(path):
            problems.append("%s names data/screenshots/%s, which does not exist" % (where, relative))
            return
        got = png_size(path)
        if got is None:
            problems.append("data/screenshots/%s (%s) is not a PNG" % (relative, where))
        elif got != size:
            problems.append("data/screenshots/%s (%s) is %d×%d, expected %d×%d (build-aux/quickstart screenshots)"
                            % ((relative, where) + got + size))

    # The metainfo's screenshots, each in English and in every translation.
    metainfo = os.path.join(srcdir, "data", "com.salonity.Kiosk.metainfo.xml.in")
    languages = []
    with open(os.path.join(srcdir, "po", "LINGUAS")) as f:
        for line in f:
            if not line.lstrip().startswith("#"):
                languages += line.split()
    screenshots = ET.parse(metainfo).getroot().findall("./screenshots/screenshot")
    if not screenshots:
        problems.append("the metainfo has no screenshots")
    for number, screenshot in enumerate(screenshots, 1):
        where = "the metainfo's screenshot %d" % number
        langs = []
        for image in screenshot.findall("image"):
            url = (image.text or "").strip()
            lang = image.get(XML_LANG)
            langs.append(lang)
            if not url.startswith(URL_BASE):
                problems.append("%s: %s is not under %s" % (where, url, URL_BASE))
                continue
            relative = url[len(URL_BASE):]
            # English at the top, a translation in a folder of its language.
            if os.path.dirname(relative) != (lang or ""):
                problems.append("%s: the %s picture %s is not in data/screenshots/%s"
                                % (where, lang or "English", relative, lang + "/" if lang else ""))
            try:
                declared = (int(image.get("width")), int(image.get("height")))
            except (TypeError, ValueError):
                problems.append("%s: %s has no width and height" % (where, url))
                declared = SIZE
            if declared != SIZE:
                problems.append("%s: %s says %d×%d, expected %d×%d" % ((where, url) + declared + SIZE))
            check_file(relative, where, declared)
        for lang in [None] + languages:
            if langs.count(lang) != 1:
                problems.append("%s has %d pictures in %s, expected one"
                                % (where, langs.count(lang), lang or "English"))

    # The README's pictures, and how to take them again.
    with open(os.path.join(srcdir, "README.md")) as f:
        readme = f.read()
    pictures = re.findall(r"!\[[^\]]*\]\((data/screenshots/[^)\s]+)\)", readme)
    if not pictures:
        problems.append("README.md shows no picture of data/screenshots/")
    for picture in pictures:
        check_file(picture[len("data/screenshots/"):], "README.md")
    if REGENERATE not in readme:
        problems.append("README.md does not say how to take the screenshots again (%s)" % REGENERATE)

    # Nothing left over that nobody shows.
    for root, _, files in os.walk(shots_dir):
        for name in files:
            relative = os.path.normpath(os.path.relpath(os.path.join(root, name), shots_dir))
            if relative not in named:
                problems.append("data/screenshots/%s is named by neither the metainfo nor the README" % relative)

    for problem in problems:
        print(problem)
    if not problems:
        print("%d screenshots in %d languages, %d×%d, all in data/screenshots/"
              % (len(screenshots), 1 + len(languages), SIZE[0], SIZE[1]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
