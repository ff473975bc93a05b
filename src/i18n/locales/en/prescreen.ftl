## Pre-screen (src/prescreen): pathway names, outcomes, and the reason shown for each rule.
## A first reading of the answers, not legal advice: the lawyer decides at the consultation.

pathway-gts = Global Talent Stream
pathway-cusma = CUSMA Professionals
pathway-ict = Intra-Company Transferees

outcome-likely_eligible = Likely eligible
outcome-needs_review = Needs a closer look
outcome-likely_not_eligible = Likely not eligible
prescreen-no-clear-result = Your answers do not give a clear first picture yet. We will go through your situation together at the consultation.

## Global Talent Stream (rules G1 to G11)
rule-G1 = The Global Talent Stream needs a Canadian employer who will apply for a Global Talent Stream LMIA for you.
rule-G2 = Your job is on the Global Talent Occupations List and the pay meets its wage floor.
rule-G3 = Your job is on the list and the pay looks high enough for the region.
rule-G4 = Your job is on the list. We will check the pay against the usual wage for this job in your region.
rule-G5 = The pay seems to be below the minimum wage set for this occupation.
rule-G6 = Jobs in Quebec follow a joint process with Quebec and their own wage floors, so we will look at it together.
rule-G7 = Actuary jobs are not part of this occupation on the list.
rule-G8 = For this occupation, the job itself must require at least 3 years of experience in the listed roles or skills.
rule-G9 = You may fit Category A, for specialized jobs. One of the program’s designated partners would need to refer your employer.
rule-G10 = Your job does not seem to be on the list, and there is no referral from a designated partner.
rule-G11 = Category A requires pay of at least $80,000 a year and $38.46 an hour.

## CUSMA Professionals (rules C1 to C11)
rule-C1 = CUSMA Professionals is open only to citizens of the United States or Mexico.
rule-C2 = You need work arranged in advance with a Canadian employer or client. Working for your own business in Canada is not allowed.
rule-C3 = The list of professions is closed. We will check whether your duties match one of the listed professions.
rule-C4 = Your profession and credentials appear to match what CUSMA asks for.
rule-C5 = Your credentials seem to be below the minimum this profession requires.
rule-C6 = Diplomas and certificates normally need to come from Canada, the United States or Mexico.
rule-C7 = Your degree or diploma must be in the same field as the job, or a closely related one.
rule-C8 = The job must be at a professional or technical level.
rule-C9 = This profession comes with extra conditions, which we will go over with you.
rule-C10 = We will confirm that your duties and any licence you need fit the profession.
rule-C11 = As a Mexican citizen, visa rules affect where and how you can apply.

## Intra-Company Transferees (rules I1 to I15)
rule-I1 = You need to be working now for the company that is transferring you.
rule-I2 = You need at least 1 year of continuous, full-time work with the company in the last 3 years.
rule-I3 = The Canadian company must be a parent, subsidiary, branch or affiliate of your employer. A client, supplier, contract or franchise link does not count.
rule-I4 = We will confirm how the two companies are related.
rule-I5 = This permit is for companies that do business in more than one country.
rule-I6 = A company that is just starting in Canada needs premises, a business plan and funding, and the first permit lasts 1 year.
rule-I7 = The Canadian business needs real commercial premises. A home or virtual office is not enough.
rule-I8 = Your role appears to fit the executive or manager category.
rule-I9 = Roles based on specialized knowledge need a detailed look at what you know and do.
rule-I10 = A shorter time with the company, or a job at a lower skill level, makes a specialized knowledge case harder.
rule-I11 = People transferred for specialized knowledge must be paid at least the usual wage for the job in the region.
rule-I12 = The job in Canada must be in the same kind of role as the one you have now.
rule-I13 = The transfer must be temporary, and your work must be directed by the Canadian company.
rule-I14 = You seem to have reached the time limit for transfers to Canada.
rule-I15 = The owner of a business that operates in only one country cannot use this permit.

## Every pathway (rules X1 and X2)
rule-X1 = Because of your answer about past refusals, removals or criminal history, the lawyer will review your file.
rule-X2 = Since you are in Canada, the lawyer will check your current immigration status with you.

## Suggestions for applicants who are not sure
suggest-gts-listed = Your job is on the Global Talent Occupations List, so a Canadian employer could hire you through this stream.
suggest-gts-offer = With a Canadian job offer, your employer may be able to hire you through the Global Talent Stream.
suggest-cusma-citizen-offer = As a US or Mexican citizen with a Canadian job offer, you may qualify as a CUSMA professional.
suggest-cusma-citizen = As a US or Mexican citizen, you may qualify as a CUSMA professional once you have work arranged in Canada.
suggest-ict-related = Your employer is linked to a company in Canada, so a transfer within the company may be possible.
suggest-together = Your situation could fit more than one of these permits. We will look at it together.
