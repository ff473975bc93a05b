## Landing page (/{lang}/)

## Hero
home-title = Work in Canada as an IT professional
home-eyebrow = Canadian work permits for people in tech
home-lead = If you work in IT and would like to work in Canada, three work permits are worth knowing about: the Global Talent Stream, CUSMA Professionals and Intra-Company Transferees. We explain each one in plain words below. Answer a few questions, see a first assessment, then talk it through with a lawyer at { $firm }.
home-reassurance = The consultation is free and comes with no obligation, in English or French.
home-compare-link = Compare the three work permits

## The three pathways
home-pathways-title = Three work permits for IT professionals
home-pathways-intro = Each permit has its own rules. For each one, here is what it is, who it suits, whether an LMIA is needed and how long it usually takes.
home-lmia-explained = An LMIA (Labour Market Impact Assessment) is an approval that some Canadian employers must get from the federal government before they hire a foreign worker. Of these three permits, only the Global Talent Stream needs one, and it is your employer who applies for it, not you.
home-who-qualifies = Who qualifies
home-fact-lmia = LMIA needed?
home-fact-processing = Typical processing
home-fact-length = Permit length

home-gts-name = Global Talent Stream
home-gts-suits = Suits you if a Canadian employer wants to hire you for a specialized tech job.
home-gts-what = A fast-track version of the LMIA process for in-demand tech talent. Your employer gets a Global Talent Stream LMIA, then you apply for a work permit tied to that employer.
home-gts-q1 = A Canadian employer offers you a job and agrees to apply for the LMIA.
home-gts-q2 = Category B: your job is on the Global Talent Occupations List, for example software engineer, developer, systems analyst, database analyst or IT manager. No referral is needed.
home-gts-q3 = Category A: a unique, specialized job, and one of the program’s designated partners refers your employer. The job calls for advanced industry knowledge and an advanced degree, at least 5 years of specialized experience, or both.
home-gts-q4 = The pay meets the wage floor: at least the prevailing wage for the job and region, and for Category A at least $80,000 a year ($38.46 an hour).
home-gts-lmia = Yes. Your employer applies for it, and it is usually processed in 10 business days.
home-gts-processing = About 2 weeks for the work permit if you apply online from outside Canada with a complete application. Applications made from inside Canada take the normal time.
home-gts-length = Up to 3 years, matching your job offer.
home-gts-cta = Book a consultation about the Global Talent Stream

home-cusma-name = CUSMA Professionals
home-cusma-suits = Suits you if you are a US or Mexican citizen with a professional job or contract waiting in Canada.
home-cusma-what = Under the Canada–United States–Mexico Agreement (CUSMA, formerly NAFTA), American and Mexican citizens can work in Canada in one of 63 listed professions, without an LMIA.
home-cusma-q1 = You are a citizen of the United States or Mexico. Permanent residents of those countries do not qualify.
home-cusma-q2 = Your job is one of the 63 listed professions, such as Computer Systems Analyst, Engineer or Mathematician, and you hold the credential it requires, often a bachelor’s degree in a related field.
home-cusma-q3 = Your work is arranged in advance with a Canadian employer, as an employee or under a contract. Working for your own business in Canada is not allowed.
home-cusma-note = “Programmer” and “developer” are not on the list. For those jobs, what matters is whether your duties match a listed profession.
home-cusma-lmia = No. Your employer submits the job offer online and pays a compliance fee before you apply.
home-cusma-processing = US citizens may apply at a port of entry when they arrive in Canada. Online applications from outside Canada for a TEER 0 or 1 job (management and most degree-level jobs): about 2 weeks. For Mexican citizens, visa rules affect where they can apply.
home-cusma-length = Up to 3 years, and renewable.
home-cusma-cta = Book a consultation about CUSMA Professionals

home-ict-name = Intra-Company Transferees
home-ict-suits = Suits you if you already work for an international company with a related company in Canada.
home-ict-what = Lets a multinational company transfer an experienced employee to its Canadian parent, subsidiary, branch or affiliate for a temporary assignment, without an LMIA. Open to any nationality.
home-ict-q1 = You work for the company now, and in the last 3 years you have worked there full time, without a break, for at least 1 year in a similar job.
home-ict-q2 = You are moving to the company’s parent, subsidiary, branch or affiliate in Canada, which has real business premises. A client or supplier does not count.
home-ict-q3 = In Canada you will work as an executive, a manager, or a specialist with advanced knowledge of the company’s own products, services or processes.
home-ict-lmia = No.
home-ict-processing = About 2 weeks if you apply online from outside Canada for a TEER 0 or 1 job (management and most degree-level jobs).
home-ict-length = Up to 7 years in total for executives and managers, and up to 5 years for specialized knowledge, through a first permit and renewals.
home-ict-cta = Book a consultation about Intra-Company Transferees

## How it works
home-how-title = How it works
home-step1-title = Answer a few questions
home-step1-body = It takes about 10 minutes. Tell us about your work, your education and your plans. Your answers are saved as you go.
home-step2-title = See your preliminary assessment
home-step2-body = We show which permit looks promising and explain every reason in plain words.
home-step3-title = Book your free consultation
home-step3-body = Choose a 30-minute slot by video or phone, at a time that suits you. A lawyer reads your answers before you talk.

## Reassurance and limits
home-not-sure-title = Not sure which one fits?
home-not-sure-body = That is perfectly fine. Choose “Not sure” when you start, answer a few deciding questions, and we’ll suggest one.
home-advice-title = A first look, not legal advice
home-advice-body = The online assessment is general information to help you prepare. It is not legal advice and it is not a decision: the lawyer decides, after reviewing your situation with you during the consultation. Government rules change, so we check the current rules for your case.

## Closing call to action
home-final-title = Ready to find the right permit?
home-final-body = Start with a few questions. The consultation is free and comes with no obligation.
