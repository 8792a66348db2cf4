"""Package data: days gelijkgesteld with an algemeen erkende feestdag by KB (Atw art. 3 lid 3)."""
