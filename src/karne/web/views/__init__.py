"""Pages. Each view checks access through karne.accounts.access, then calls one service or
selector; no rule of the domain lives here."""
