#!/usr/bin/env python3
"""Writes a realistic Dutch customer list as CSV for bench/import.sh.

Standard library only, fixed seed: the same ROWS always give the same bytes.
Ten columns: Voornaam, Achternaam, E-mailadres, Telefoon, Geboortedatum, Adres, Postcode,
Woonplaats, Klant sinds, Opmerkingen. All people are made up; the e-mail domains are
example.* domains and the numbers are not assigned to anyone on purpose.

Usage: gen_csv.py ROWS OUT.csv
"""

import csv
import random
import sys

FIRST = ["Jan", "Piet", "Kees", "Anna", "Sanne", "Emma", "Daan", "Lotte", "Sem", "Julia",
         "Lucas", "Tess", "Noah", "Fleur", "Bram", "Zoë", "Mila", "Thijs", "Eva", "Ruben",
         "Sophie", "Milan", "Lisa", "Finn", "Iris", "Jesse", "Noor", "Luuk", "Anouk", "Stijn"]
LAST = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
        "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters",
        "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
        "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Stationsweg",
           "Julianastraat", "Beatrixlaan", "Nieuwstraat", "Markt", "Prinses Irenestraat"]
CITIES = ["Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen",
          "Tilburg", "Almere", "Breda", "Nijmegen", "Apeldoorn", "Haarlem", "Arnhem",
          "Zaanstad", "Amersfoort", "'s-Hertogenbosch", "Zwolle", "Leiden", "Maastricht"]
DOMAINS = ["example.nl", "example.com", "example.org", "example.net"]
NOTES = ["", "", "", "Belt liever na 17:00", "Vaste klant, korting 10%",
         "Levering achterom, bij de buren aanbellen", "Wil geen papieren factuur",
         "Allergisch voor noten", "Betaalt per factuur; herinnering\nsturen na 14 dagen"]


def phone(rng):
    # Mobile (06-1 to 06-5) and geographic numbers, written the ways people write them.
    if rng.random() < 0.7:
        digits = "6%d%07d" % (rng.randint(1, 5), rng.randint(0, 9_999_999))
        style = rng.randint(0, 3)
        if style == 0:
            return "0" + digits
        if style == 1:
            return "06-" + digits[1:]
        if style == 2:
            return "+31 6 " + digits[1:]
        return "+31" + digits
    area = rng.choice(["20", "10", "30", "70", "40", "50", "13", "76", "24", "26"])
    rest = "%07d" % rng.randint(2_000_000, 9_999_999)
    return "0%s-%s" % (area, rest)


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261129)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Voornaam", "Achternaam", "E-mailadres", "Telefoon", "Geboortedatum",
                         "Adres", "Postcode", "Woonplaats", "Klant sinds", "Opmerkingen"])
        for n in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            local = "%s.%s.%d" % (first, last.replace(" ", ""), n)
            writer.writerow([
                first,
                last,
                "%s@%s" % (local.lower().replace("ë", "e"), rng.choice(DOMAINS)),
                phone(rng),
                "%02d-%02d-%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2006)),
                "%s %d" % (rng.choice(STREETS), rng.randint(1, 250)),
                "%04d %s" % (rng.randint(1000, 9999), rng.choice(["AB", "CD", "GH", "KL", "XZ"])),
                rng.choice(CITIES),
                "%d-%02d-%02d" % (rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)),
                rng.choice(NOTES),
            ])


if __name__ == "__main__":
    main()
