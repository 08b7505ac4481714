from ingest.names import normalise_person, slug, title_case


def test_titles_are_removed_and_case_made_consistent():
    p = normalise_person("dott. Luigino BOARIN")
    assert (p.name, p.title, p.role) == ("Luigino Boarin", "dott.", None)
    p = normalise_person("Comandante dott. Luca DI NIQUILI")
    assert (p.name, p.title) == ("Luca Di Niquili", "Comandante dott.")
    assert normalise_person("dott.ssa Veronica FATTORI").name == "Veronica Fattori"
    assert normalise_person("Ing. Nicola GARUTTI").name == "Nicola Garutti"
    assert normalise_person("geom. Roberto CREMONINI").name == "Roberto Cremonini"
    assert normalise_person("Isp. Superiore Daniele RABBONI").name == "Daniele Rabboni"


def test_role_in_parentheses():
    p = normalise_person("dott. Luigino BOARIN (Responsabile Servizio Finanziario)")
    assert p.name == "Luigino Boarin"
    assert p.role == "Responsabile Servizio Finanziario"


def test_names_without_titles_keep_their_order():
    assert normalise_person("Benedetti Lorenza").name == "Benedetti Lorenza"
    assert title_case("D'ANGELO") == "D'Angelo"


def test_slug():
    assert slug("Comune di Reggio Emilia") == "comune-di-reggio-emilia"
    assert slug("Città dell'Educazione") == "citta-dell-educazione"
