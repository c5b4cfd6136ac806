"""The pure finance core: ``Decimal`` arithmetic with no Django imports.

Amounts are ``Decimal`` (or ``int`` whole euros) end to end; rounding happens only
where a rule says so, half away from zero (:func:`.money.round_euro`).
"""
