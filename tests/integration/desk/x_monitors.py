"""Two monitors side by side on one X screen, as a desktop with two displays has them.

Run as ``python -m tests.integration.desk.x_monitors DISPLAY NAME=WxH+X+Y ...``. It
defines one RandR monitor per argument (the first is the primary) and keeps them while it
runs: the X server forgets monitors a client defined when that client goes. Commands on
stdin: ``unplug NAME`` (the monitor goes away, as when a cable is pulled). Prints
``{"ready": [...]}`` and ``{"done": ...}`` lines.
"""

from __future__ import annotations

import ctypes
import json
import re
import sys


class _Monitor(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_ulong),
        ("primary", ctypes.c_int),
        ("automatic", ctypes.c_int),
        ("noutput", ctypes.c_int),
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("width", ctypes.c_int),
        ("height", ctypes.c_int),
        ("mwidth", ctypes.c_int),
        ("mheight", ctypes.c_int),
        ("outputs", ctypes.POINTER(ctypes.c_ulong)),
    ]


class _Resources(ctypes.Structure):
    _fields_ = [
        ("timestamp", ctypes.c_ulong),
        ("config_timestamp", ctypes.c_ulong),
        ("ncrtc", ctypes.c_int),
        ("crtcs", ctypes.POINTER(ctypes.c_ulong)),
        ("noutput", ctypes.c_int),
        ("outputs", ctypes.POINTER(ctypes.c_ulong)),
    ]


def main() -> int:
    x11, xrandr = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXrandr.so.2")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XDefaultRootWindow.restype = ctypes.c_ulong
    x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xrandr.XRRAllocateMonitor.restype = ctypes.POINTER(_Monitor)
    xrandr.XRRAllocateMonitor.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xrandr.XRRSetMonitor.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_Monitor)]
    xrandr.XRRDeleteMonitor.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    xrandr.XRRGetScreenResourcesCurrent.restype = ctypes.POINTER(_Resources)
    xrandr.XRRGetScreenResourcesCurrent.argtypes = [ctypes.c_void_p, ctypes.c_ulong]

    display = x11.XOpenDisplay(sys.argv[1].encode())
    if not display:
        print(json.dumps({"error": f"cannot open {sys.argv[1]}"}), flush=True)
        return 1
    root = x11.XDefaultRootWindow(display)
    resources = xrandr.XRRGetScreenResourcesCurrent(display, root)
    # The first monitor takes the X screen's one output, so the server's automatic monitor
    # for that output (the whole screen) goes away and only ours remain.
    output = resources.contents.outputs[0] if resources.contents.noutput else 0
    names = []
    for number, text in enumerate(sys.argv[2:]):
        found = re.fullmatch(r"(\w+)=(\d+)x(\d+)\+(\d+)\+(\d+)", text)
        assert found is not None, text
        name = found.group(1)
        width, height, x, y = (int(found.group(i)) for i in range(2, 6))
        first = number == 0 and output != 0
        monitor = xrandr.XRRAllocateMonitor(display, 1 if first else 0)
        if first:
            monitor.contents.outputs[0] = output
        monitor.contents.name = x11.XInternAtom(display, name.encode(), 0)
        monitor.contents.primary = int(number == 0)
        monitor.contents.x, monitor.contents.y = x, y
        monitor.contents.width, monitor.contents.height = width, height
        monitor.contents.mwidth, monitor.contents.mheight = width * 254 // 960, height * 254 // 960
        xrandr.XRRSetMonitor(display, root, monitor)
        names.append(name)
    x11.XSync(display, 0)
    print(json.dumps({"ready": names}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["unplug"] and len(words) == 2:
            xrandr.XRRDeleteMonitor(display, root, x11.XInternAtom(display, words[1].encode(), 0))
            x11.XSync(display, 0)
        print(json.dumps({"done": line.strip()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
