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
staff-login-paused = Après plusieurs tentatives infructueuses depuis un même réseau, chaque nouvelle tentative depuis ce réseau doit attendre un peu plus longtemps.
staff-login-expired = Votre session a pris fin. Ouvrez une nouvelle session pour continuer.
err-staff-email-required = Entrez votre adresse courriel
err-staff-password-required = Entrez votre mot de passe

## Règles des mots de passe (affichées aussi par « intake staff add »)
err-password-required = Entrez un mot de passe
err-password-short = Le mot de passe doit compter au moins 12 caractères
err-password-long = Le mot de passe doit compter au plus 128 caractères
err-password-personal = Le mot de passe ne doit contenir ni votre nom ni votre adresse courriel
err-password-weak = Ce mot de passe est trop facile à deviner : essayez une phrase de passe plus longue, faite de plusieurs mots sans lien entre eux

## Sign-in: throttling and the second step
staff-login-throttled = Trop de tentatives ont échoué depuis votre réseau pour ce compte. Réessayez dans { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}, ou depuis un autre réseau.
staff-code-title = Saisissez votre code de connexion
staff-code-lead = Ouvrez l'application d'authentification de votre téléphone et saisissez le code à six chiffres qu'elle affiche pour ce site. Si vous n'avez pas votre téléphone, saisissez l'un de vos codes de secours.
staff-code-label = Code
staff-code-hint = Six chiffres, ou un code de secours comme abcde-23456
staff-code-submit = Continuer
staff-code-failed = Ce code n'est pas le bon, ou il a déjà servi. Attendez le code suivant et réessayez.
staff-code-start-again = Recommencer avec votre adresse courriel et votre mot de passe
err-staff-code-format = Saisissez le code à six chiffres de votre application, ou un code de secours comme abcde-23456
err-password-common = Ce mot de passe figure sur une liste de mots de passe courants ou divulgués : choisissez-en un autre

## Staff: own account (sessions, password, two-step verification)
staff-account-title = Votre compte
staff-account-done-password = Votre mot de passe est changé. Vos autres sessions ont été fermées.
staff-account-done-sessions = C'est fait : ces sessions sont fermées.
staff-account-done-removed = La validation en deux étapes est désactivée.
staff-account-sessions = Où vous êtes connecté
staff-account-sessions-lead = Chaque navigateur où vous vous êtes connecté. Si vous n'en reconnaissez pas un, fermez sa session et changez votre mot de passe.
staff-account-session-browser = Navigateur
staff-account-session-address = Adresse
staff-account-session-opened = Connexion
staff-account-session-seen = Dernière activité
staff-account-session-action = Action
staff-account-session-this = Ce navigateur
staff-account-session-end = Fermer la session
staff-account-end-others = Fermer toutes les autres sessions
staff-account-end-all = Se déconnecter partout
staff-account-password = Changer votre mot de passe
staff-account-password-lead = Vos autres sessions sont fermées quand vous le changez.
staff-account-current-password = Mot de passe actuel
staff-account-new-password = Nouveau mot de passe
staff-account-confirm-password = Nouveau mot de passe, de nouveau
staff-account-change-password = Changer le mot de passe
staff-account-second-factor-on = La validation en deux étapes est activée : la connexion demande aussi un code de votre application d'authentification. Codes de secours restants : { $count }.
staff-account-second-factor-off = La validation en deux étapes est désactivée. Activez-la pour que votre mot de passe seul ne suffise pas à ouvrir votre compte.
staff-account-set-up = Configurer la validation en deux étapes
staff-account-new-codes = Obtenir de nouveaux codes de secours
staff-account-turn-off = Désactiver la validation en deux étapes
staff-account-confirm-with-password = Votre mot de passe, pour confirmer
err-account-current-required = Saisissez votre mot de passe actuel
err-account-current-wrong = Le mot de passe n'est pas le bon
err-account-throttled = Trop de mots de passe erronés depuis votre réseau : réessayez plus tard
err-account-confirm-differs = Les deux nouveaux mots de passe ne sont pas identiques
err-account-second-factor-required = Le cabinet exige la validation en deux étapes : elle ne peut pas être désactivée.
staff-setup-title = Configurer la validation en deux étapes
staff-setup-required = Le cabinet exige la validation en deux étapes. Configurez-la pour continuer.
staff-setup-step-app = Installez une application d'authentification sur votre téléphone, par exemple Microsoft Authenticator, Google Authenticator ou 1Password.
staff-setup-step-scan = Dans l'application, ajoutez un compte et lisez ce code.
staff-setup-qr-label = Code QR à lire avec votre application d'authentification
staff-setup-qr-caption = Impossible de le lire ? Saisissez plutôt la clé ci-dessous dans l'application (basée sur l'heure).
staff-setup-key = Clé :
staff-setup-code = Code affiché par l'application
staff-setup-code-hint = Six chiffres
staff-setup-confirm = Activer
err-setup-code = Saisissez le code à six chiffres que votre application affiche maintenant
staff-codes-title = Vos codes de secours
staff-codes-on = La validation en deux étapes est activée.
staff-codes-lead = Si vous perdez votre téléphone, chacun de ces codes vous connecte une fois, à la place d'un code de l'application. Imprimez-les ou gardez-les dans votre gestionnaire de mots de passe.
staff-codes-once = Ils ne sont affichés que cette fois-ci. Vos anciens codes de secours, le cas échéant, ne fonctionnent plus.
staff-codes-continue = Je les ai conservés : continuer
