## Espace du personnel : ouverture et fermeture de session, navigation, règles des mots de passe
staff-area = Espace du personnel
staff-nav-label = Espace du personnel
staff-nav-dashboard = Tableau de bord
staff-nav-applications = Demandes
staff-nav-availability = Disponibilités
staff-nav-audit = Journal d'audit
staff-nav-users = Personnel
staff-signed-in-as = Session de { $name }
staff-sign-out = Fermer la session

staff-login-title = Ouvrir une session
staff-login-lead = Réservé aux avocates, aux avocats et au personnel du cabinet.
staff-login-email = Adresse courriel
staff-login-password = Mot de passe
staff-login-submit = Ouvrir une session
staff-login-failed = L'adresse courriel ou le mot de passe est incorrect.
staff-login-paused = Après plusieurs tentatives infructueuses, l'ouverture de session est suspendue pendant 15 minutes.
staff-login-expired = Votre session a pris fin. Ouvrez une nouvelle session pour continuer.
err-staff-email-required = Entrez votre adresse courriel
err-staff-password-required = Entrez votre mot de passe

## Règles des mots de passe (affichées aussi par « intake staff add »)
err-password-required = Entrez un mot de passe
err-password-short = Le mot de passe doit compter au moins 12 caractères
err-password-long = Le mot de passe doit compter au plus 128 caractères
err-password-personal = Le mot de passe ne doit contenir ni votre nom ni votre adresse courriel
err-password-weak = Ce mot de passe est trop facile à deviner : essayez une phrase de passe plus longue, faite de plusieurs mots sans lien entre eux
