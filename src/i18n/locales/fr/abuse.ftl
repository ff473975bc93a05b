## Limites contre les abus : une réservation par personne, plafonds quotidiens par réseau, courriels « continuer plus tard », annulation groupée.

booking-already-booked = Une consultation est déjà réservée avec cette adresse courriel ou ce numéro de téléphone. Pour la déplacer ou l’annuler, utilisez le lien « Gérer votre réservation » de votre courriel de confirmation, ou écrivez à { $email }. Vous ne pouvez réserver qu’une consultation à la fois.
booking-limit-title = Trop de réservations depuis votre réseau aujourd’hui
booking-limit-body = Pour que les consultations restent ouvertes à tous, nous n’acceptons que quelques réservations par jour depuis un même réseau. Vos réponses sont conservées : veuillez réessayer demain.
booking-limit-contact = Si vous avez besoin d’une consultation plus tôt, écrivez à { $email }.

email-alert-subject = Alerte : { $count } consultations réservées au cours de la dernière heure
email-alert-intro = { $count } consultations ont été réservées au cours de la dernière heure (le seuil d’alerte est de { $threshold }).
email-alert-what = Quelqu’un est peut-être en train de bloquer le calendrier. Vérifiez les demandes les plus récentes ; vous pouvez les sélectionner et annuler leurs réservations d’un coup.
email-alert-open = Ouvrir les demandes

save-no-email-title = D’abord, indiquez votre adresse courriel
save-no-email-body = Nous envoyons le lien uniquement à l’adresse courriel indiquée dans vos réponses, à la page « À propos de vous ». Répondez d’abord à cette page, puis demandez le lien.
save-no-email-link = Aller à « À propos de vous »
save-to = Nous enverrons un lien à { $email }, l’adresse indiquée dans vos réponses. Pour utiliser une autre adresse, modifiez-la d’abord à la page « À propos de vous ».
save-limit = Nous avons déjà envoyé plusieurs liens à cette adresse aujourd’hui. Veuillez utiliser le courriel le plus récent, ou redemander demain.

staff-bulk-select = Sélection
staff-bulk-select-row = Sélectionner la demande { $reference }
staff-bulk-cancel-button = Annuler les réservations des demandes sélectionnées
staff-bulk-title = Annuler des réservations
staff-bulk-intro = Vérifiez ce qui va se passer, puis confirmez.
staff-bulk-none = Aucune demande n’a été sélectionnée.
staff-bulk-will-cancel = Réservation annulée, créneau libéré
staff-bulk-nothing = Aucune consultation à venir : rien à annuler
staff-bulk-col-consultation = Consultation
staff-bulk-col-effect = Ce qui se passe
staff-bulk-notify-legend = Envoyer une annulation par courriel aux demandeurs ?
staff-bulk-notify-yes = Oui, envoyer à chaque demandeur une annulation pour son calendrier
staff-bulk-notify-no = Non, annuler sans leur écrire (par exemple, des pourriels)
staff-bulk-confirm = Annuler ces réservations
staff-bulk-back = Retour aux demandes
staff-bulk-done-title = Réservations annulées
staff-bulk-done = { $count } réservations annulées ; { $emailed } demandeurs avertis par courriel.
err-bulk-notify = Indiquez s’il faut écrire aux demandeurs
staff-status-frees-slot = Choisir « Pourriel » ou « Refusée » annule une consultation à venir et libère son créneau (« Refusée » envoie une annulation au demandeur ; « Pourriel », non).
