## Page d’accueil (/{lang}/)

## Bandeau
home-title = Travailler au Canada comme professionnel des TI
home-eyebrow = Permis de travail au Canada pour les gens des technologies
home-lead = Si vous travaillez dans les TI et souhaitez travailler au Canada, trois permis de travail méritent votre attention : le Volet des talents mondiaux, les professionnels de l’ACEUM et les personnes mutées à l’intérieur d’une société. Nous les expliquons simplement ci-dessous. Répondez à quelques questions, consultez une première évaluation, puis faites le point avec un avocat de { $firm }.
home-reassurance = La consultation est gratuite et sans engagement, en français ou en anglais.
home-compare-link = Comparer les trois permis de travail

## Les trois permis
home-pathways-title = Trois permis de travail pour les professionnels des TI
home-pathways-intro = Chaque permis a ses propres règles. Pour chacun, voici en quoi il consiste, à qui il s’adresse, s’il exige une EIMT et le délai de traitement habituel.
home-lmia-explained = Une EIMT (étude d’impact sur le marché du travail) est une approbation que certains employeurs canadiens doivent obtenir du gouvernement fédéral avant d’embaucher un travailleur étranger. Parmi ces trois permis, seul le Volet des talents mondiaux en exige une, et c’est votre employeur qui la demande, pas vous.
home-who-qualifies = Qui est admissible
home-fact-lmia = EIMT requise?
home-fact-processing = Délai de traitement habituel
home-fact-length = Durée du permis

home-gts-name = Volet des talents mondiaux
home-gts-suits = Pour vous si un employeur canadien souhaite vous embaucher pour un poste spécialisé en technologie.
home-gts-what = Une version accélérée du processus d’EIMT, pour les talents recherchés en technologie. Votre employeur obtient une EIMT du Volet des talents mondiaux, puis vous demandez un permis de travail lié à cet employeur.
home-gts-q1 = Un employeur canadien vous offre un emploi et accepte de demander l’EIMT.
home-gts-q2 = Catégorie B : votre poste figure sur la Liste des professions mondiales, par exemple ingénieur logiciel, développeur, analyste de systèmes, analyste de bases de données ou gestionnaire des TI. Aucune recommandation n’est nécessaire.
home-gts-q3 = Catégorie A : un poste unique et spécialisé, et l’un des partenaires désignés du programme recommande votre employeur. Le poste exige des connaissances poussées du secteur et un diplôme d’études supérieures, au moins 5 ans d’expérience spécialisée, ou les deux.
home-gts-q4 = Le salaire atteint le minimum exigé : au moins le salaire en vigueur pour le poste et la région et, pour la catégorie A, au moins 80 000 $ par année (38,46 $ l’heure).
home-gts-lmia = Oui. Votre employeur en fait la demande, et elle est généralement traitée en 10 jours ouvrables.
home-gts-processing = Environ 2 semaines pour le permis de travail si vous présentez une demande complète en ligne depuis l’extérieur du Canada. Les demandes faites au Canada suivent le délai habituel.
home-gts-length = Jusqu’à 3 ans, selon votre offre d’emploi.
home-gts-cta = Réserver une consultation sur le Volet des talents mondiaux

home-cusma-name = Professionnels de l’ACEUM
home-cusma-suits = Pour vous si vous avez la citoyenneté américaine ou mexicaine et qu’un emploi ou un contrat professionnel vous attend au Canada.
home-cusma-what = En vertu de l’Accord Canada–États-Unis–Mexique (ACEUM, qui a remplacé l’ALENA), les citoyens américains et mexicains peuvent travailler au Canada dans l’une des 63 professions énumérées, sans EIMT.
home-cusma-q1 = Vous avez la citoyenneté américaine ou mexicaine. Les résidents permanents de ces pays ne sont pas admissibles.
home-cusma-q2 = Votre emploi fait partie des 63 professions énumérées, comme analyste de systèmes informatiques, ingénieur ou mathématicien, et vous détenez le titre de compétence exigé, souvent un baccalauréat dans un domaine connexe.
home-cusma-q3 = Votre travail est convenu à l’avance avec un employeur canadien, comme salarié ou à contrat. Le travail autonome au Canada n’est pas permis.
home-cusma-note = « Programmeur » et « développeur » ne figurent pas sur la liste. Pour ces emplois, tout dépend de la correspondance entre vos tâches et une profession énumérée.
home-cusma-lmia = Non. Votre employeur soumet l’offre d’emploi en ligne et paie des frais de conformité avant votre demande.
home-cusma-processing = Les citoyens américains peuvent présenter leur demande à un point d’entrée, à leur arrivée au Canada. Demande en ligne depuis l’extérieur du Canada pour un poste de niveau FEER 0 ou 1 (gestion et la plupart des emplois exigeant un diplôme universitaire) : environ 2 semaines. Pour les citoyens mexicains, les règles de visa déterminent où présenter la demande.
home-cusma-length = Jusqu’à 3 ans, renouvelable.
home-cusma-cta = Réserver une consultation sur les professionnels de l’ACEUM

home-ict-name = Personnes mutées à l’intérieur d’une société
home-ict-suits = Pour vous si vous travaillez déjà pour une société internationale liée à une entreprise au Canada.
home-ict-what = Permet à une société multinationale de muter un employé expérimenté vers sa société mère, sa filiale, sa succursale ou sa société affiliée au Canada, pour une affectation temporaire et sans EIMT. Ouvert à toutes les nationalités.
home-ict-q1 = Vous travaillez actuellement pour la société et, au cours des 3 dernières années, vous y avez travaillé à temps plein, sans interruption, pendant au moins 1 an dans un poste semblable.
home-ict-q2 = Votre mutation vise la société mère, une filiale, une succursale ou une société affiliée au Canada, qui dispose de véritables locaux commerciaux. Un client ou un fournisseur ne compte pas.
home-ict-q3 = Au Canada, vous occuperez un poste de cadre de direction, de gestionnaire ou de spécialiste ayant des connaissances poussées des produits, services ou procédés propres à la société.
home-ict-lmia = Non.
home-ict-processing = Environ 2 semaines si vous présentez votre demande en ligne depuis l’extérieur du Canada pour un poste de niveau FEER 0 ou 1 (gestion et la plupart des emplois exigeant un diplôme universitaire).
home-ict-length = Jusqu’à 7 ans au total pour les cadres de direction et les gestionnaires, et jusqu’à 5 ans pour les connaissances spécialisées, au moyen d’un premier permis et de renouvellements.
home-ict-cta = Réserver une consultation sur les personnes mutées à l’intérieur d’une société

## Comment ça fonctionne
home-how-title = Comment ça fonctionne
home-step1-title = Répondez à quelques questions
home-step1-body = Comptez environ 10 minutes. Parlez-nous de votre travail, de vos études et de vos projets. Vos réponses sont enregistrées au fur et à mesure.
home-step2-title = Consultez votre évaluation préliminaire
home-step2-body = Nous indiquons quel permis semble prometteur et expliquons chaque raison en termes simples.
home-step3-title = Réservez votre consultation gratuite
home-step3-body = Choisissez une plage de 30 minutes, par vidéoconférence ou par téléphone, au moment qui vous convient. Un avocat lit vos réponses avant l’entretien.

## Réassurance et limites
home-not-sure-title = Vous ne savez pas lequel vous convient?
home-not-sure-body = Aucun problème. Choisissez « Je ne sais pas » au départ, répondez à quelques questions déterminantes, et nous vous en suggérerons un.
home-advice-title = Un premier aperçu, pas un avis juridique
home-advice-body = L’évaluation en ligne est une information générale pour vous aider à vous préparer. Ce n’est ni un avis juridique ni une décision : c’est l’avocat qui tranche, après avoir examiné votre situation avec vous pendant la consultation. Les règles gouvernementales changent; nous vérifions donc celles qui s’appliquent à votre dossier.

## Appel à l’action final
home-final-title = Trouvons ensemble le permis qui vous convient
home-final-body = Commencez par quelques questions. La consultation est gratuite et sans engagement.
