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
staff-login-paused = After several failed attempts, sign-in is paused for 15 minutes.
staff-login-expired = Your session has ended. Sign in again to continue.
err-staff-email-required = Enter your email address
err-staff-password-required = Enter your password

## Password policy (also printed by `intake staff add`)
err-password-required = Enter a password
err-password-short = The password must have at least 12 characters
err-password-long = The password must have at most 128 characters
err-password-personal = The password must not contain your name or email address
err-password-weak = This password is too easy to guess: try a longer passphrase of several unrelated words
