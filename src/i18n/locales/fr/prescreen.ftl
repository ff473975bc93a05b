## Présélection (src/prescreen) : noms des permis, résultats et motif affiché pour chaque règle.
## Une première lecture des réponses, pas un avis juridique : l’avocat tranche lors de la consultation.

pathway-gts = Volet des talents mondiaux
pathway-cusma = Professionnels de l’ACEUM
pathway-ict = Personnes mutées à l’intérieur d’une société

outcome-likely_eligible = Probablement admissible
outcome-needs_review = À examiner de plus près
outcome-likely_not_eligible = Probablement non admissible
prescreen-no-clear-result = Vos réponses ne permettent pas encore de dresser un premier portrait clair. Nous examinerons votre situation ensemble lors de la consultation.

## Volet des talents mondiaux (règles G1 à G11)
rule-G1 = Le Volet des talents mondiaux exige qu’un employeur canadien demande pour vous une EIMT de ce volet.
rule-G2 = Votre poste figure sur la Liste des professions mondiales et le salaire atteint le seuil fixé.
rule-G3 = Votre poste figure sur la liste et le salaire semble suffisant pour la région.
rule-G4 = Votre poste figure sur la liste. Nous comparerons le salaire au salaire habituel de ce poste dans votre région.
rule-G5 = Le salaire semble inférieur au minimum fixé pour cette profession.
rule-G6 = Les postes au Québec suivent un processus conjoint avec le Québec et ont leurs propres seuils salariaux; nous l’examinerons donc ensemble.
rule-G7 = Les postes d’actuaire ne font pas partie de cette profession sur la liste.
rule-G8 = Pour cette profession, le poste lui-même doit exiger au moins 3 ans d’expérience dans les rôles ou compétences énumérés.
rule-G9 = Vous pourriez correspondre à la catégorie A, pour les postes spécialisés. L’un des partenaires désignés du programme devrait recommander votre employeur.
rule-G10 = Votre poste ne semble pas figurer sur la liste, et aucun partenaire désigné n’a recommandé votre employeur.
rule-G11 = La catégorie A exige un salaire d’au moins 80 000 $ par année et 38,46 $ de l’heure.

## Professionnels de l’ACEUM (règles C1 à C11)
rule-C1 = Le permis de professionnel de l’ACEUM est réservé aux citoyens des États-Unis et du Mexique.
rule-C2 = Il faut un travail convenu à l’avance avec un employeur ou un client canadien. Travailler pour votre propre entreprise au Canada n’est pas permis.
rule-C3 = La liste des professions est fermée. Nous vérifierons si vos tâches correspondent à l’une des professions énumérées.
rule-C4 = Votre profession et vos titres de compétence semblent correspondre à ce que l’ACEUM exige.
rule-C5 = Vos titres de compétence semblent inférieurs au minimum exigé pour cette profession.
rule-C6 = Les diplômes et certificats doivent normalement provenir du Canada, des États-Unis ou du Mexique.
rule-C7 = Votre diplôme doit être dans le même domaine que le poste, ou dans un domaine étroitement lié.
rule-C8 = Le poste doit être de niveau professionnel ou technique.
rule-C9 = Cette profession comporte des conditions supplémentaires, que nous passerons en revue avec vous.
rule-C10 = Nous confirmerons que vos tâches et tout permis d’exercice nécessaire correspondent à la profession.
rule-C11 = Comme vous avez la citoyenneté mexicaine, les règles de visa déterminent où et comment présenter votre demande.

## Personnes mutées à l’intérieur d’une société (règles I1 à I15)
rule-I1 = Vous devez travailler actuellement pour l’entreprise qui vous mute.
rule-I2 = Il faut au moins 1 an de travail continu à temps plein pour l’entreprise au cours des 3 dernières années.
rule-I3 = L’entreprise canadienne doit être la société mère, une filiale, une succursale ou une société affiliée de votre employeur. Un lien de client, de fournisseur, de contrat ou de franchise ne compte pas.
rule-I4 = Nous confirmerons le lien entre les deux entreprises.
rule-I5 = Ce permis s’adresse aux entreprises qui exercent leurs activités dans plus d’un pays.
rule-I6 = Une entreprise qui démarre au Canada doit avoir des locaux, un plan d’affaires et du financement, et le premier permis dure 1 an.
rule-I7 = L’entreprise canadienne doit avoir de véritables locaux commerciaux. Un bureau à domicile ou virtuel ne suffit pas.
rule-I8 = Votre poste semble correspondre à la catégorie des cadres de direction et des gestionnaires.
rule-I9 = Les postes fondés sur des connaissances spécialisées demandent un examen détaillé de ce que vous savez et faites.
rule-I10 = Une courte période au sein de l’entreprise, ou un poste de niveau de compétence moins élevé, rend un dossier de connaissances spécialisées plus difficile.
rule-I11 = Les personnes mutées pour leurs connaissances spécialisées doivent recevoir au moins le salaire habituel du poste dans la région.
rule-I12 = Le poste au Canada doit être du même type que celui que vous occupez actuellement.
rule-I13 = La mutation doit être temporaire, et votre travail doit être dirigé par l’entreprise canadienne.
rule-I14 = Vous semblez avoir atteint la durée maximale permise pour les mutations au Canada.
rule-I15 = Le propriétaire d’une entreprise qui n’exerce ses activités que dans un seul pays ne peut pas utiliser ce permis.

## Tous les permis (règles X1 et X2)
rule-X1 = En raison de votre réponse sur des refus, des renvois ou des antécédents criminels, l’avocat examinera votre dossier.
rule-X2 = Comme vous êtes au Canada, l’avocat vérifiera avec vous votre statut d’immigration actuel.

## Suggestions pour les personnes qui hésitent
suggest-gts-listed = Votre poste figure sur la Liste des professions mondiales : un employeur canadien pourrait donc vous embaucher par ce volet.
suggest-gts-offer = Avec une offre d’emploi canadienne, votre employeur pourrait vous embaucher par le Volet des talents mondiaux.
suggest-cusma-citizen-offer = Comme citoyen américain ou mexicain avec une offre d’emploi canadienne, vous pourriez être admissible à titre de professionnel de l’ACEUM.
suggest-cusma-citizen = Comme citoyen américain ou mexicain, vous pourriez être admissible à titre de professionnel de l’ACEUM une fois un travail convenu au Canada.
suggest-ict-related = Votre employeur est lié à une entreprise au Canada : une mutation au sein de l’entreprise pourrait donc être possible.
suggest-together = Votre situation pourrait correspondre à plus d’un de ces permis. Nous l’examinerons ensemble.
