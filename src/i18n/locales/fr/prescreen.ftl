## Présélection (src/prescreen) : noms des permis, résultats et motif affiché pour chaque règle.
## Une première lecture des réponses, pas un avis juridique : l’avocat tranche lors de la consultation.

pathway-gts = Volet des talents mondiaux
pathway-cusma = Professionnels de l’ACEUM
pathway-ict = Personnes mutées à l’intérieur d’une société

outcome-likely_eligible = Probablement admissible
outcome-needs_review = À examiner de plus près
outcome-likely_not_eligible = Probablement non admissible
prescreen-no-clear-result = Vos réponses ne permettent pas encore de dresser un premier portrait clair. Nous examinerons votre situation ensemble lors de la consultation.

## Volet des talents mondiaux (règles G1 à G15 ; G15 est une note pour l’avocat)
rule-G1 = Le Volet des talents mondiaux exige un employeur canadien qui demandera pour vous une EIMT du Volet des talents mondiaux.
rule-G2 = Votre emploi figure sur la Liste des professions du Volet des talents mondiaux et le salaire atteint son plancher.
rule-G3 = Votre emploi figure sur la liste et le salaire semble suffisant.
rule-G4 = Votre emploi figure sur la liste. Nous comparerons le salaire au salaire habituel (médian) de cet emploi là où vous travaillerez.
rule-G5 = Le salaire est inférieur au minimum de cette profession ou au salaire habituel là où vous travaillerez.
rule-G6 = Le Québec a sa propre procédure conjointe avec la province et ses propres planchers salariaux : nous l’examinerons ensemble.
rule-G7 = Les emplois d’actuaire ne font pas partie de cette profession sur la liste.
rule-G8 = Pour cette profession, l’emploi lui-même doit exiger au moins 3 ans d’expérience dans les rôles ou compétences énumérés.
rule-G9 = Vous pourriez relever de la catégorie A, pour les emplois spécialisés. Un partenaire désigné du programme doit le confirmer.
rule-G10 = Votre emploi ne semble pas figurer sur la liste, et aucun partenaire désigné n’a recommandé l’employeur.
rule-G11 = La catégorie A exige un salaire d’au moins 80 000 $ par an et 38,46 $ de l’heure, ou le salaire habituel local s’il est plus élevé.
rule-G12 = Le salaire est inférieur au salaire habituel (médian) de cet emploi là où vous travaillerez. L’employeur doit payer au moins ce montant.
rule-G13 = À partir du troisième emploi de catégorie A d’un employeur dans l’année civile, le salaire doit être d’au moins 150 000 $ par an et 72,11 $ de l’heure.
rule-G14 = S’il s’agit du troisième emploi de catégorie A de l’employeur cette année, un minimum plus élevé s’applique. Nous vérifierons.
rule-G15 = L’employeur doit obtenir le certificat d’enregistrement des employeurs de la province avant de déposer l’EIMT.

## Professionnels de l’ACEUM (règles C1 à C15 ; C6 est retirée)
rule-C1 = Le volet des professionnels de l’ACEUM est réservé aux citoyens des États-Unis ou du Mexique.
rule-C2 = Il vous faut un travail convenu à l’avance avec un employeur ou un client canadien. Travailler pour votre propre entreprise au Canada n’est pas permis.
rule-C3 = La liste des professions est fermée. Nous vérifierons si vos fonctions correspondent à l’une des professions énumérées.
rule-C4 = Votre profession et vos diplômes semblent correspondre à ce que l’ACEUM exige.
rule-C5 = Vos diplômes semblent inférieurs au minimum exigé pour cette profession.
rule-C7 = Votre diplôme doit être dans le même domaine que l’emploi, ou dans un domaine étroitement lié.
rule-C8 = L’emploi doit être de niveau professionnel ou technique.
rule-C9 = Cette profession comporte des conditions supplémentaires, que nous verrons avec vous.
rule-C10 = Nous vérifierons que vos fonctions et tout permis d’exercice nécessaire correspondent à la profession.
rule-C11 = En tant que citoyen mexicain, les règles de visa influent sur l’endroit et la façon de présenter votre demande.
rule-C12 = Il s’agit d’une profession réglementée au Canada. Vous pourriez avoir besoin d’un permis provincial, ou devoir montrer que vous pouvez l’obtenir.
rule-C13 = L’emploi doit être de niveau professionnel. Nous examinerons vos fonctions.
rule-C14 = Un actuaire doit être reconnu par une association actuarielle du Canada, des États-Unis ou du Mexique.
rule-C15 = Nous vérifierons si votre permis est une inscription au barreau ou un titre comptable.

## Personnes mutées à l’intérieur d’une société (règles I1 à I23 ; I22 et I23 sont des notes pour l’avocat)
rule-I1 = Vous devez travailler actuellement pour l’entreprise qui vous mute.
rule-I2 = Il vous faut 12 mois de travail continu à temps plein pour l’entreprise dans les 3 ans qui précèdent votre demande.
rule-I2-with-date = Il vous faut 12 mois de travail continu à temps plein pour l’entreprise dans les 3 ans qui précèdent votre demande. Vous atteindriez 12 mois le { $eligible_from }.
rule-I3 = L’entreprise canadienne doit être la société mère, une filiale, une succursale ou une société affiliée de votre employeur. Un lien de client, de fournisseur, de contrat ou de franchise ne compte pas.
rule-I4 = Nous vérifierons le lien entre les deux entreprises.
rule-I5 = Pour ouvrir un nouveau bureau au Canada par mutation, l’entreprise doit déjà tirer des revenus d’au moins 2 pays.
rule-I6 = Une entreprise qui démarre au Canada a besoin de locaux, d’un plan d’affaires et de financement, et le premier permis dure 1 an.
rule-I7 = L’entreprise canadienne doit disposer de vrais locaux commerciaux. Un bureau à domicile ou virtuel ne suffit pas.
rule-I8 = Votre rôle semble correspondre à la catégorie des cadres de direction ou des gestionnaires.
rule-I9 = Les rôles fondés sur des connaissances spécialisées demandent un examen détaillé de ce que vous savez et faites.
rule-I10 = Une courte période dans l’entreprise, ou un emploi de niveau de compétence moins élevé, rend un dossier de connaissances spécialisées plus difficile.
rule-I11 = Les personnes mutées pour leurs connaissances spécialisées doivent gagner au moins le salaire habituel (médian) de l’emploi là où elles travailleront.
rule-I12 = L’emploi au Canada doit relever du même type de rôle que votre emploi actuel.
rule-I13 = La mutation doit être temporaire, et votre travail doit être dirigé par l’entreprise canadienne.
rule-I14 = Vous avez atteint la durée maximale des mutations au Canada. Après 12 mois de travail à temps plein pour l’entreprise hors du Canada, vous pourrez être muté de nouveau.
rule-I15 = Un propriétaire qui ouvre une entreprise au Canada ne peut utiliser ce permis que si l’entreprise exerce déjà ses activités dans au moins 2 pays. Un autre permis pourrait convenir.
rule-I16 = Le salaire devrait être au moins le salaire habituel (médian) de cet emploi là où vous travaillerez.
rule-I17 = Superviser du personnel qui n’est ni professionnel ni gestionnaire ne compte pas comme un rôle de gestionnaire pour ce permis.
rule-I18 = Un gestionnaire sans personnel doit diriger une fonction essentielle à un niveau supérieur. Nous vérifierons.
rule-I19 = L’entreprise canadienne doit être assez grande pour avoir besoin de ce rôle.
rule-I20 = Une période antérieure de travail à temps plein pourrait compter. Nous vérifierons les dates et l’emploi.
rule-I21 = Nous vérifierons le temps que vous avez déjà passé au Canada comme personne mutée.
rule-I22 = Le permis serait probablement plus court que l’affectation demandée (premier permis de 3 ans au plus ; 1 an pour un nouveau bureau ; 5 ou 7 ans au total).
rule-I23 = Évalué selon l’ACEUM (T37/T38) : pas de critère multinational ni de salaire minimum obligatoire ; le salaire est pris en compte. Les personnes dispensées de visa peuvent présenter leur demande à la frontière.

## Tous les volets (règles X1 à X12 ; X7, X8, X10, X11 et X12 sont des notes pour l’avocat)
rule-X1 = En raison de votre réponse sur des refus, des renvois ou des antécédents criminels, l’avocat examinera votre dossier.
rule-X2 = Comme vous êtes au Canada, l’avocat vérifiera avec vous votre statut d’immigration actuel.
rule-X3 = Les visiteurs au Canada ne peuvent plus demander un permis de travail depuis le Canada. Vous devrez probablement présenter votre demande depuis l’étranger.
rule-X4 = Depuis décembre 2024, les personnes déjà au Canada obtiennent rarement un permis de travail en sortant du pays et en y entrant de nouveau à la frontière.
rule-X5 = Une AVE ne vaut que si vous venez au Canada par avion. Pour venir par voie terrestre, il vous faut un visa.
rule-X6 = Si vous avez besoin d’un visa pour entrer au Canada, vous ne pouvez pas présenter votre demande à la frontière. Vous la présentez en ligne avant de voyager.
rule-X7 = Le traitement en 2 semaines ne s’appliquerait pas : il exige une demande en ligne depuis l’étranger, et un emploi FEER 0/1 pour les emplois dispensés d’EIMT.
rule-X8 = Pour le traitement en 2 semaines : demande en ligne complète, examen médical fait d’avance s’il est exigé, données biométriques dans les 14 jours. Les travailleurs du VTM le signalent dans l’outil Venir au Canada.
rule-X9 = Votre conjoint pourrait ne pas avoir droit à un permis de travail ouvert avec cet emploi ou cette durée de permis. Nous vérifierons.
rule-X10 = Depuis le 21 janvier 2025, les enfants à charge n’obtiennent plus de permis de travail ouvert ; un permis d’études ou le statut de visiteur restent possibles.
rule-X11 = Demander ce qu’il en est de l’année écoulée : 6 mois consécutifs ou plus dans un pays désigné imposent un examen médical. Certains emplois en santé publique l’exigent toujours. Pour le traitement en 2 semaines, il doit être fait d’avance.
rule-X12 = L’employeur doit soumettre l’offre dans le Portail des employeurs et payer les frais de conformité avant que le travailleur présente sa demande ; sinon la demande est refusée.

## Suggestions pour les personnes qui hésitent
suggest-gts-listed = Votre poste figure sur la Liste des professions mondiales : un employeur canadien pourrait donc vous embaucher par ce volet.
suggest-gts-offer = Avec une offre d’emploi canadienne, votre employeur pourrait vous embaucher par le Volet des talents mondiaux.
suggest-cusma-citizen-offer = Comme citoyen américain ou mexicain avec une offre d’emploi canadienne, vous pourriez être admissible à titre de professionnel de l’ACEUM.
suggest-cusma-citizen = Comme citoyen américain ou mexicain, vous pourriez être admissible à titre de professionnel de l’ACEUM une fois un travail convenu au Canada.
suggest-ict-related = Votre employeur est lié à une entreprise au Canada : une mutation au sein de l’entreprise pourrait donc être possible.

## Valeurs affichées avec certaines raisons (§5.6) et le résumé (§5.4, §7.5)
assessment-median-line = Le salaire habituel (médian) au dossier pour la CNP { $noc } à { $area } est de { $median } (Guichet-Emplois, en vigueur le { $date }).
wage-per-hour = { $amount } de l’heure
wage-per-year = { $amount } par an
brief-group-deciding = Décisif (probablement non admissible)
brief-group-check = À vérifier
brief-group-in-place = Acquis
brief-group-notes = Notes
brief-level-region = région économique
brief-level-province = province ou territoire
brief-level-national = Canada
brief-median = Médiane pour la CNP { $noc } à { $area } ({ $level }) : { $median }. Salaires du Guichet-Emplois en vigueur le { $date }, période de référence { $period }.
brief-median-reference = À titre indicatif seulement (Québec : les tables du MIFI s’appliquent) : médiane pour la CNP { $noc } à { $area } ({ $level }) : { $median }. Salaires du Guichet-Emplois en vigueur le { $date }, période de référence { $period }.
brief-no-median = Aucune médiane au dossier pour la CNP { $noc } ({ $where }Canada), édition { $date }.
brief-no-wage-data = Aucune médiane au dossier (aucune donnée salariale importée).
brief-medians-stale = Les médianes sont peut-être périmées : la plus récente édition au dossier date de plus d’un an.
brief-per-hour = /h
brief-per-year = /an
brief-summary-vs-median = { $pay } contre une médiane de { $median } à { $area } (Guichet-Emplois, { $date })
brief-track-gts = VTM
brief-track-gts_b = VTM B
brief-track-gts_a = VTM A
brief-track-cusma = ACEUM T36
brief-track-ict = Mutation (ICT)
brief-track-ict_r205a = Mutation (ICT) R205a)
brief-track-ict_cusma = Mutation (ICT) ACEUM T37/T38
brief-offer-written = offre écrite
brief-offer-verbal = offre verbale
brief-offer-in_discussion = offre en discussion
brief-offer-none = pas d’offre
brief-no-refusals = aucun refus
brief-admissibility-to-discuss = refus ou antécédents criminels à examiner
brief-language-en = anglais
brief-language-fr = français

## « Je ne sais pas » quand rien ne convient encore
suggest-none-title = Aucun des trois permis ne convient clairement pour l’instant
suggest-none-intro = D’après vos réponses, aucun de ces permis ne convient clairement pour le moment. Voici ce qui changerait la situation :
suggest-none-gts = une offre d’emploi d’un employeur canadien prêt à demander une EIMT du Volet des talents mondiaux (Volet des talents mondiaux) ;
suggest-none-cusma = la citoyenneté américaine ou mexicaine, avec un travail convenu au Canada (Professionnels de l’ACEUM) ;
suggest-none-ict = travailler actuellement pour une entreprise qui a une société mère, une filiale, une succursale ou une société affiliée au Canada (Personnes mutées à l’intérieur d’une société).
suggest-none-consult = Vous pouvez tout de même continuer avec le permis le plus proche de vos projets et réserver une consultation gratuite : l’avocat examinera toutes les possibilités avec vous.
