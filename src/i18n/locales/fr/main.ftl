## Shared page furniture
lang-name = Français
lang-switch-label = Read this page in
skip-to-content = Aller au contenu principal
meta-description = { $firm } : permis de travail au Canada pour les professionnels des TI. Consultation gratuite.
nav-label = Principal
nav-pathways = Permis de travail
nav-contact = Nous écrire
footer-disclaimer = Les renseignements de ce site sont d’ordre général et ne constituent pas un avis juridique. Votre situation est évaluée par un avocat lors de votre consultation. Utiliser ce site ou réserver une consultation ne crée pas de relation avocat-client.
footer-copyright = © { $year } { $firm }
cta-book = Réserver une consultation gratuite
optional = (facultatif)
select-placeholder = Faites un choix
button-continue = Continuer
button-send = Envoyer le message
honeypot-label = Laissez ce champ vide

## Errors
error-prefix = Erreur :
error-summary-title = Il y a un problème
error-home-link = Aller à la page d’accueil
error-code = Code d’erreur { $code }
error-400-title = Nous ne pouvons pas accepter cette demande
error-400-body = Un élément de la demande n’était pas celui attendu. Revenez en arrière, vérifiez le formulaire et réessayez.
error-403-title = Ce formulaire a expiré
error-403-body = Pour votre sécurité, les formulaires ne fonctionnent que pendant un temps limité et depuis ce site. Revenez en arrière, rechargez la page et envoyez de nouveau le formulaire. Rien n’a été enregistré.
error-403-denied-title = Vous ne pouvez pas faire ceci
error-403-denied-body = Votre compte ne permet pas cette action. Si vous en avez besoin, adressez-vous à un administrateur du cabinet.
error-404-title = Page introuvable
error-404-body = Si vous avez saisi l’adresse, vérifiez qu’elle est exacte. Si vous avez suivi un lien, il n’est peut-être plus à jour.
error-405-title = Cette action n’est pas disponible ici
error-405-body = Revenez en arrière et utilisez les boutons de la page.
error-413-title = Trop de texte a été envoyé
error-413-body = Le formulaire envoyé dépasse la taille acceptée. Raccourcissez vos réponses et réessayez.
error-415-title = Nous n’avons pas pu lire ce formulaire
error-415-body = Revenez en arrière, rechargez la page et envoyez de nouveau le formulaire.
error-429-title = Trop de tentatives
error-429-body = Vous avez envoyé beaucoup de formulaires en peu de temps. Patientez une minute, puis réessayez.
error-500-title = Désolés, un problème est survenu de notre côté
error-500-body = Les réponses déjà enregistrées sont en sécurité. Réessayez dans quelques minutes.
error-503-title = Ce service est temporairement indisponible
error-503-body = Réessayez dans quelques minutes.

## Field errors shared by forms
err-name-required = Indiquez votre nom complet
err-name-short = Votre nom doit comporter au moins 2 caractères
err-name-long = Votre nom doit comporter 120 caractères au maximum
err-name-format = Indiquez votre nom en lettres
err-email-required = Indiquez votre adresse courriel
err-email-format = Indiquez une adresse courriel valide, par exemple nom@exemple.com
err-message-required = Écrivez votre message
err-message-short = Votre message doit comporter au moins 10 caractères
err-message-long = Votre message doit comporter 4 000 caractères au maximum
err-consent-required = Cochez la case pour accepter l’utilisation de vos renseignements

## Contact form
contact-title = Nous écrire
contact-lead = Posez-nous une question sur le travail au Canada. Un membre de notre équipe vous répondra par courriel dans un délai de deux jours ouvrables. N’indiquez pas de numéro de passeport ni d’autres pièces d’identité.
field-full-name = Nom complet
field-email = Adresse courriel
field-email-hint = Nous l’utiliserons seulement pour vous répondre.
field-message = Votre message
field-message-hint = Entre 10 et 4 000 caractères.
field-consent-privacy = J’accepte que { $firm } conserve mon message et mes coordonnées pour me répondre.
field-consent-privacy-hint = Nous conservons votre message seulement le temps nécessaire pour y répondre et ne le communiquons à personne.
contact-sent-title = Message envoyé
contact-sent-body = Merci. Nous avons bien reçu votre message et vous répondrons par courriel dans un délai de deux jours ouvrables.

## Emails
email-footer = Ce message a été envoyé par { $firm }. Il ne constitue pas un avis juridique.
email-received-at = Reçu le
email-enquiry-subject = Nouvelle demande de { $name }
email-enquiry-intro = Un nouveau message est arrivé par le formulaire de contact.
email-enquiry-reply = Répondez à ce courriel pour écrire directement à l’expéditeur.
