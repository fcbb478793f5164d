#!/usr/bin/env python3
"""Writes the GResource XML for the built-in scenarios from the folder's contents,
so the catalogue is never listed twice by hand: the .csx files are the index."""
import os
import sys

src_dir, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(src_dir) if n.endswith('.csx'))
lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gresources>',
    '  <gresource prefix="/org/awaitlab/Awaitlab/scenarios">',
]
lines += [f'    <file>{n}</file>' for n in names]
lines += ['  </gresource>', '</gresources>', '']
text = '\n'.join(lines)
try:
    with open(out, encoding='utf-8') as f:
        if f.read() == text:
            sys.exit(0)
except FileNotFoundError:
    pass
with open(out + '.tmp', 'w', encoding='utf-8') as f:
    f.write(text)
os.replace(out + '.tmp', out)
