## Back office: signing in and out, navigation, password policy
staff-area = Back office
staff-nav-label = Back office
staff-nav-dashboard = Dashboard
staff-nav-applications = Applications
staff-nav-availability = Availability
staff-nav-audit = Audit
staff-nav-users = Staff
staff-signed-in-as = Signed in as { $name }
staff-sign-out = Sign out

staff-login-title = Sign in
staff-login-lead = For the firm's lawyers and assistants.
staff-login-email = Email address
staff-login-password = Password
staff-login-submit = Sign in
staff-login-failed = Email or password is not right.
staff-login-paused = After several failed attempts from one network, each new attempt from there has to wait a little longer.
staff-login-expired = Your session has ended. Sign in again to continue.
err-staff-email-required = Enter your email address
err-staff-password-required = Enter your password

## Password policy (also printed by `intake staff add`)
err-password-required = Enter a password
err-password-short = The password must have at least 12 characters
err-password-long = The password must have at most 128 characters
err-password-personal = The password must not contain your name or email address
err-password-weak = This password is too easy to guess: try a longer passphrase of several unrelated words

## Sign-in: throttling and the second step
staff-login-throttled = Too many failed attempts from your network for this account. Try again in { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}, or from another network.
staff-code-title = Enter your sign-in code
staff-code-lead = Open the authenticator app on your phone and enter the six-digit code it shows for this site. If you do not have your phone, enter one of your recovery codes.
staff-code-label = Code
staff-code-hint = Six digits, or a recovery code such as abcde-23456
staff-code-submit = Continue
staff-code-failed = That code is not right, or it was already used. Wait for the next code and try again.
staff-code-start-again = Start again with your email and password
err-staff-code-format = Enter the six-digit code from your app, or a recovery code such as abcde-23456
err-password-common = This password is on a list of common or leaked passwords: choose another one

## Staff: own account (sessions, password, two-step verification)
staff-account-title = Your account
staff-account-done-password = Your password is changed. Your other sessions have been signed out.
staff-account-done-sessions = Done: those sessions are signed out.
staff-account-done-removed = Two-step verification is off.
staff-account-sessions = Where you are signed in
staff-account-sessions-lead = Each browser where you signed in. If you do not recognise one, sign it out and change your password.
staff-account-session-browser = Browser
staff-account-session-address = Address
staff-account-session-opened = Signed in
staff-account-session-seen = Last active
staff-account-session-action = Action
staff-account-session-this = This browser
staff-account-session-end = Sign out
staff-account-end-others = Sign out all other sessions
staff-account-end-all = Sign out everywhere
staff-account-password = Change your password
staff-account-password-lead = Your other sessions are signed out when you change it.
staff-account-current-password = Current password
staff-account-new-password = New password
staff-account-confirm-password = New password again
staff-account-change-password = Change password
staff-account-second-factor-on = Two-step verification is on: signing in also asks for a code from your authenticator app. Recovery codes left: { $count }.
staff-account-second-factor-off = Two-step verification is off. Turn it on so that your password alone is not enough to open your account.
staff-account-set-up = Set up two-step verification
staff-account-new-codes = Get new recovery codes
staff-account-turn-off = Turn off two-step verification
staff-account-confirm-with-password = Your password, to confirm
err-account-current-required = Enter your current password
err-account-current-wrong = The password is not right
err-account-throttled = Too many wrong passwords from your network: try again later
err-account-confirm-differs = The two new passwords are not the same
err-account-second-factor-required = The firm requires two-step verification: it cannot be turned off.
staff-setup-title = Set up two-step verification
staff-setup-required = The firm requires two-step verification. Set it up to continue.
staff-setup-step-app = Install an authenticator app on your phone, for example Microsoft Authenticator, Google Authenticator or 1Password.
staff-setup-step-scan = In the app, add an account and scan this code.
staff-setup-qr-label = QR code to scan with your authenticator app
staff-setup-qr-caption = Cannot scan it? Type the key below into the app instead (time-based).
staff-setup-key = Key:
staff-setup-code = Code shown by the app
staff-setup-code-hint = Six digits
staff-setup-confirm = Turn on
err-setup-code = Enter the six-digit code your app shows now
staff-codes-title = Your recovery codes
staff-codes-on = Two-step verification is on.
staff-codes-lead = If you lose your phone, each of these codes signs you in once instead of a code from the app. Print them or keep them in your password manager.
staff-codes-once = They are shown only this once. Your earlier recovery codes, if any, no longer work.
staff-codes-continue = I have kept them: continue
