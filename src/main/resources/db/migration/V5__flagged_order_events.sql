-- A webhook posbridge kept but could not act on (a completion whose status is not 0, -1 or 99) says why here.
ALTER TABLE order_events ADD COLUMN problem VARCHAR(200);
