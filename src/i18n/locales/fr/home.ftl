home-title = Travailler au Canada comme professionnel des TI
home-lead = Texte provisoire.
