"""Pipeline stages, one module each: dates, places, actors, quantities, events."""
