## Courriels sur les consultations (src/email/messages.rs, templates/emails/<type>/).
## Les clés communes, comme email-footer, se trouvent dans main.ftl.

## Communs à plusieurs courriels
# Entre une étiquette et sa valeur dans les courriels en texte brut (« Référence : ABC »).
email-colon = {"\u00A0"}:
email-greeting = Bonjour { $name },
email-signoff = L’équipe de { $firm }
email-reference = Numéro de référence
email-when = Date et heure
# Sous l’heure du demandeur, en plus petit; $time est la même plage dans le fuseau horaire du cabinet.
email-firm-time = Heure à notre bureau : { $time }
email-mode = Format
email-mode-details = Si vous avez choisi la vidéoconférence, nous vous enverrons le lien avant la consultation. Si vous avez choisi le téléphone, nous vous appellerons au numéro que vous nous avez donné.
email-manage-link = Déplacer ou annuler la consultation
email-manage-deadline = Vous pouvez déplacer ou annuler votre consultation jusqu’à 12 heures avant l’heure prévue.
email-new-time = Nouvelle date et heure
email-previous-time = Date et heure précédentes (remplacées)
email-cancelled-time = Date et heure annulées
# Dans les courriels au cabinet : la plage dans le fuseau horaire du cabinet, puis dans celui du demandeur.
email-slot-firm = Heure du cabinet
email-slot-applicant = Heure du demandeur
email-open-application = Ouvrir la demande

## Au demandeur : réservation confirmée
email-confirm-subject = Votre consultation gratuite est réservée – { $reference }
email-confirm-intro = Merci d’avoir réservé une consultation gratuite avec { $firm }. Nous avons hâte de discuter avec vous.
email-prepare-title = À préparer
email-prepare-intro = Veuillez avoir ces documents sous la main pour la consultation :
email-prepare-passport = Votre passeport
email-prepare-cv = Votre curriculum vitæ (CV)
email-prepare-offer = Votre offre d’emploi ou votre contrat de travail, le cas échéant
email-prepare-diplomas = Vos diplômes
email-prepare-questions = La liste des questions que vous souhaitez poser
email-next-title = Prochaines étapes
email-next-lawyer = Un avocat lira vos réponses avant la consultation, afin que nous puissions consacrer ce temps à votre situation.
email-next-not-advice = L’évaluation en ligne est une information générale pour vous aider à vous préparer. Ce n’est pas un avis juridique : l’avocat vous conseillera après avoir examiné votre situation avec vous.
email-invite-attached = Une invitation de calendrier est jointe à ce courriel. Ouvrez-la pour ajouter la consultation à votre calendrier.

## Au demandeur : rappel la veille
email-reminder-subject = Rappel : votre consultation a lieu demain – { $reference }
email-reminder-intro = Nous vous rappelons que votre consultation gratuite avec { $firm } a lieu demain.
email-reminder-prepare = Veuillez avoir sous la main votre passeport, votre CV, votre offre d’emploi s’il y a lieu, ainsi que vos questions.

## Au demandeur : consultation déplacée
email-moved-subject = Votre consultation a été déplacée – { $reference }
email-moved-intro = Votre consultation a été déplacée à un autre moment. Voici les détails à jour.
email-invite-updated = Une invitation de calendrier mise à jour est jointe à ce courriel. Ouvrez-la pour mettre à jour la consultation dans votre calendrier.

## Au demandeur : consultation annulée
email-cancelled-subject = Votre consultation est annulée – { $reference }
email-cancelled-intro = Votre consultation a été annulée.
email-cancelled-calendar = Une annulation pour votre calendrier est jointe à ce courriel. Ouvrez-la pour retirer la consultation de votre calendrier.
email-book-again-intro = Si vous souhaitez toujours parler à un avocat, vous pouvez réserver un nouveau moment quand vous le voulez.
email-book-again = Réserver une nouvelle consultation

## Au cabinet : résumé d’une nouvelle réservation
# Suivi, dans l’objet, du nom du demandeur et du permis visé.
email-brief-subject = Consultation réservée : { $reference }
email-brief-intro = Une nouvelle consultation a été réservée. Voici un résumé à lire avant l’entretien.
email-applicant = Demandeur
email-phone = Téléphone
email-pathway = Permis visé
email-outcome = Résultat de la présélection
email-reasons = Motifs
email-other-outcomes = Autres permis évalués
email-key-answers = Réponses clés
email-consultation = Consultation

## Au cabinet : réservation déplacée ou annulée
# Suivi, dans l’objet, du nom du demandeur.
email-notice-cancelled-subject = Consultation annulée : { $reference }
email-notice-moved-subject = Consultation déplacée : { $reference }
email-notice-cancelled-intro = { $name } a annulé sa consultation.
email-notice-moved-intro = { $name } a déplacé sa consultation à un autre moment.

## To the firm's admins: security alerts
email-security-subject-prefix = [Sécurité]
email-security-throttled-headline = Les tentatives de connexion à un compte du personnel sont ralenties
email-security-account = Compte
email-security-unknown-account = une adresse qui n'est pas celle d'un compte du personnel
email-security-source = Depuis l'adresse
email-security-failures = Tentatives échouées au cours de la dernière heure
email-security-throttled-advice = Les nouvelles tentatives depuis cette adresse attendent désormais un peu plus chaque fois ; la personne concernée peut toujours se connecter depuis ailleurs. S'il ne s'agit pas d'un membre du personnel, demandez-lui d'activer la validation en deux étapes et consultez le journal d'audit.
email-security-open = Ouvrir le journal d'audit
email-with = Avec
email-language = Langue
email-join = Pour vous joindre
email-reason = Raison donnée
