## Booking a consultation
booking-title = Réservez votre consultation gratuite
booking-intro = Choisissez un moment pour une consultation de { $minutes } minutes avec un avocat. Elle est gratuite et sans engagement.
booking-zone-label = Afficher les heures dans ce fuseau horaire
booking-zone-hint = L’heure du cabinet ({ $zone }) est indiquée entre parenthèses.
booking-zone-update = Afficher les heures
booking-slot-legend = Date et heure
booking-mode-legend = Comment souhaitez-vous nous rencontrer?
booking-none = Aucune plage n’est libre dans les prochaines semaines. Écrivez-nous et nous trouverons un moment avec vous.
booking-taken = Désolés, le moment que vous aviez choisi vient d’être réservé par quelqu’un d’autre. Choisissez un autre moment; vos réponses sont conservées.
booking-firm-time = { $time } heure du cabinet
booking-your-time = Votre heure
booking-firm-zone-time = L’heure du cabinet
opt-consultation_mode-video = Appel vidéo
opt-consultation_mode-phone = Appel téléphonique
opt-consultation_mode-in_person = En personne
err-choose-slot = Choisissez une date et une heure
err-slot-taken = Ce moment vient d’être réservé; choisissez-en un autre

## Confirmation page
confirmation-consultation = Votre consultation
confirmation-ics = Ajouter à mon agenda (.ics)

## Managing a booking
manage-title = Votre consultation
manage-status = État
manage-status-active = Réservée
manage-status-cancelled = Annulée
manage-locked = Votre consultation a lieu dans moins de { $hours } heures; elle ne peut plus être modifiée ici. Pour la modifier ou l’annuler, écrivez à { $email }.
manage-reschedule-title = Choisir un autre moment
manage-reschedule-button = Déplacer ma consultation
manage-cancel-title = Annuler la consultation
manage-cancel-button = Annuler ma consultation
manage-book-again = Réserver une nouvelle consultation
manage-moved = Votre consultation a été déplacée. Nous vous avons envoyé par courriel une invitation mise à jour.
manage-cancelled = Votre consultation a été annulée. Nous vous avons envoyé une confirmation par courriel.

## Calendar invitation
ics-summary = Consultation gratuite avec { $firm }
ics-description = Référence { $reference }. Pour déplacer ou annuler : { $manage }
ics-description-cancelled = Référence { $reference }. Cette consultation est annulée.

## The date-first picker (web/slot_picker.rs, macros/slots.html)
picker-how-title = Comment et avec qui
picker-language-legend = Langue de la consultation
picker-consultant-label = Conseiller ou conseillère
picker-consultant-hint = Choisir « toute personne disponible » vous offre le plus de moments possibles.
picker-any-consultant = Toute personne disponible
picker-show = Afficher les jours libres
picker-days-title = Choisissez un jour
picker-zone = Heures en { $zone }; l’heure du cabinet ({ $firm }) entre parenthèses.
picker-zone-firm = Heures en { $zone }, le fuseau horaire du cabinet.
picker-week = Du { $from } au { $to }
picker-previous-week = Semaine précédente
picker-next-week = Semaine suivante
picker-times = { $count ->
    [one] 1 moment
   *[other] { $count } moments
}
picker-no-times = Aucun moment libre
picker-times-on = Moments libres le { $day }
picker-show-night = { $count ->
    [one] Afficher 1 moment entre 22 h et 7 h
   *[other] Afficher { $count } moments entre 22 h et 7 h
}
picker-only-night = Les moments libres de ce jour sont entre 22 h et 7 h dans votre fuseau horaire.
language-name-en = anglais
language-name-fr = français
language-name-es = espagnol
join-video = Rejoindre la visioconférence : { $link }
join-video-later = Nous vous enverrons par courriel le lien de la visioconférence avant la consultation.
join-phone = { $name } vous appellera au numéro que vous nous avez donné, depuis le { $phone }.
join-phone-unknown = { $name } vous appellera au numéro que vous nous avez donné.
manage-booked = Votre nouvelle consultation est réservée. Nous vous avons envoyé une confirmation par courriel avec une invitation d’agenda.
manage-confirm-move-title = Déplacer votre consultation?
manage-confirm-move-button = Oui, déplacer ma consultation
manage-confirm-new-time = Nouveau moment
manage-confirm-cancel-title = Annuler votre consultation?
manage-confirm-cancel-button = Oui, annuler ma consultation
manage-reason-label = Ce que vous aimeriez nous dire
manage-reason-hint = Par exemple, pourquoi ce moment ne vous convient plus.
manage-keep = Non, ne rien changer
confirmation-booked-title = Votre consultation est réservée
confirmation-email-sent = Nous avons envoyé une confirmation avec une invitation d’agenda à { $email }.
confirmation-calendar-title = Ajoutez-la à votre agenda
confirmation-google = Google Agenda
confirmation-outlook = Outlook.com
confirmation-ics-apple = Calendrier Apple ou un autre agenda (fichier .ics)
opens-new-tab = (s’ouvre dans un nouvel onglet)
confirmation-manage = Pour changer le moment ou annuler, utilisez le lien du courriel de confirmation.
calendar-link-details = Référence { $reference }. { $join }
picker-night-only = Seulement la nuit
