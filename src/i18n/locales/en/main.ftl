## Shared page furniture
lang-name = English
lang-switch-label = Lire cette page en
skip-to-content = Skip to main content
meta-description = { $firm }: Canadian work permits for IT professionals. Free consultation.
nav-label = Main
nav-pathways = Work permits
nav-contact = Contact us
footer-disclaimer = The information on this site is general information, not legal advice. Your situation is assessed by a lawyer during your consultation. Using this site or booking a consultation does not create a lawyer–client relationship.
footer-copyright = © { $year } { $firm }
cta-book = Book a free consultation
optional = (optional)
select-placeholder = Choose one
button-continue = Continue
button-send = Send message
honeypot-label = Leave this field empty

## Errors
error-prefix = Error:
error-summary-title = There is a problem
error-home-link = Go to the home page
error-code = Error code { $code }
error-400-title = We could not accept this request
error-400-body = Something in the request was not as expected. Please go back, check the form and try again.
error-403-title = This form has expired
error-403-body = For your security, forms only work for a limited time and from this website. Please go back, reload the page and send the form again. Nothing was saved.
error-403-denied-title = You cannot do this
error-403-denied-body = Your account does not allow this action. If you need it, ask an administrator of the firm.
error-404-title = Page not found
error-404-body = If you typed the web address, check it is correct. If you followed a link, it may be out of date.
error-405-title = This action is not available here
error-405-body = Please go back and use the buttons on the page.
error-413-title = Too much text was sent
error-413-body = The form you sent is larger than we accept. Please shorten your answers and try again.
error-415-title = We could not read this form
error-415-body = Please go back, reload the page and send the form again.
error-429-title = Too many attempts
error-429-body = You have sent a lot of forms in a short time. Please wait a minute and try again.
error-500-title = Sorry, there is a problem on our side
error-500-body = Your answers that were already saved are safe. Please try again in a few minutes.
error-503-title = This service is temporarily unavailable
error-503-body = Please try again in a few minutes.

## Field errors shared by forms
err-name-required = Enter your full name
err-name-short = Your name must be at least 2 characters
err-name-long = Your name must be 120 characters or fewer
err-name-format = Enter your name using letters
err-email-required = Enter your email address
err-email-format = Enter an email address in the correct format, like name@example.com
err-message-required = Enter your message
err-message-short = Your message must be at least 10 characters
err-message-long = Your message must be 4,000 characters or fewer
err-consent-required = Tick the box to agree to how we use your information

## Contact form
contact-title = Contact us
contact-lead = Send us a question about working in Canada. A member of our team will reply by email within two business days. Please do not include passport numbers or other identity documents.
field-full-name = Full name
field-email = Email address
field-email-hint = We will only use this to reply to you.
field-message = Your message
field-message-hint = Between 10 and 4,000 characters.
field-consent-privacy = I agree that { $firm } may store my message and contact details to answer me.
field-consent-privacy-hint = We keep your message only as long as needed to answer it, and never share it.
contact-sent-title = Message sent
contact-sent-body = Thank you. We have received your message and will reply by email within two business days.

## Emails
email-footer = This message was sent by { $firm }. It is not legal advice.
email-received-at = Received
email-enquiry-subject = New enquiry from { $name }
email-enquiry-intro = A new message arrived through the contact form.
email-enquiry-reply = Reply to this email to answer the sender directly.
