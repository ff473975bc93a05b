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
