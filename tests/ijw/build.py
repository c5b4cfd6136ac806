"""Test messages, written for the tests (not copied): a valid taakgericht start and stop
for one client, changed per test with :func:`dataclasses.replace`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from basishulp.ijw.domain.messages import Message, Product
from basishulp.ijw.domain.writer import write_message

#: test BSNs from the 999xxxxxx range that pass the 11-proef
BSN_A, BSN_B = "999990019", "999900006"
AGB = "87654321"
HEERLEN = "0917"


def start(
    *products: Product, ident: str = "ST-0001", day: str = "2025-03-07", bsn: str = BSN_A, agb: str = AGB
) -> Message:
    return Message(
        kind="JW305",
        bericht_code="438",
        versie="3",
        subversie="2",
        afzender=agb,
        ontvanger=HEERLEN,
        identificatie=ident,
        dagtekening=day,
        basisschema_xsd_versie="1.0.0",
        bericht_xsd_versie="1.0.0",
        bsn=bsn,
        geboortedatum="2013-09-01",
        datum_gebruik="1",
        geslacht="2",
        achternaam="Bakker",
        voorletters="S",
        products=products or (start_product(),),
    )


def start_product(index: int = 1, begin: str = "2025-03-03", status: str = "1", categorie: str = "45") -> Product:
    return Product(
        index=index,
        begindatum=begin,
        status=status,
        categorie=categorie,
        path=f"/Bericht/Client/StartProducten/StartProduct[{index}]",
    )


def stop(
    *products: Product, ident: str = "SP-0001", day: str = "2025-09-19", bsn: str = BSN_A, agb: str = AGB
) -> Message:
    return dataclasses.replace(
        start(ident=ident, day=day, bsn=bsn, agb=agb),
        kind="JW307",
        bericht_code="440",
        products=products or (stop_product(),),
    )


def stop_product(
    index: int = 1,
    begin: str = "2025-03-03",
    end: str = "2025-09-12",
    reason: str = "31",
    status: str = "1",
    categorie: str = "45",
) -> Product:
    return Product(
        index=index,
        begindatum=begin,
        status=status,
        categorie=categorie,
        reden=reason,
        einddatum=end,
        path=f"/Bericht/Client/StopProducten/StopProduct[{index}]",
    )


def write(directory: Path, message: Message, name: str | None = None) -> Path:
    path = directory / (name or f"{message.kind}_{message.identificatie}.xml")
    path.write_bytes(write_message(message))
    return path
