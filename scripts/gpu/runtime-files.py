#!/usr/bin/env python3
"""Lists the node_modules paths the packed GPU runtime needs: everything reachable from the
workspace packages' node_modules through pnpm's symlinks (so stale store entries stay out),
minus build tools and other platforms' binaries. One path per line, relative to the repo root."""
import os, sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
os.chdir(root)
SKIP = ('typescript@', '@turbo+', 'turbo@', 'typedoc', '@shikijs', 'prettier@', 'playwright-core@',
        '@changesets', '@tensorflow+tfjs-node', 'lightningcss')
entries, todo = set(), []

def visit_dir(nm):
    """Follows the links in a node_modules folder to .pnpm store entries."""
    if not os.path.isdir(nm):
        return
    for name in os.listdir(nm):
        p = os.path.join(nm, name)
        subs = [os.path.join(p, s) for s in os.listdir(p)] if name.startswith('@') and os.path.isdir(p) and not os.path.islink(p) else [p]
        for q in subs:
            if not os.path.islink(q):
                continue
            target = os.path.realpath(q)
            rel = os.path.relpath(target, os.path.abspath('node_modules/.pnpm'))
            if rel.startswith('..'):
                continue  # a workspace package
            entry = rel.split(os.sep)[0]
            if entry not in entries and not entry.startswith(SKIP):
                entries.add(entry)
                todo.append(os.path.join('node_modules/.pnpm', entry, 'node_modules'))

starts = ['node_modules'] + [os.path.join(d, p, 'node_modules') for d in ('packages', 'apps') if os.path.isdir(d) for p in os.listdir(d)]
for s in starts:
    visit_dir(s)
while todo:
    visit_dir(todo.pop())
for s in starts:
    if os.path.isdir(s):  # the links themselves (tar keeps them as links), not the store
        for name in sorted(os.listdir(s)):
            if name not in ('.pnpm', '.bin', '.cache', '.modules.yaml', '.pnpm-workspace-state-v1.json'):
                print(os.path.join(s, name))
for e in sorted(entries):
    print(os.path.join('node_modules/.pnpm', e))
