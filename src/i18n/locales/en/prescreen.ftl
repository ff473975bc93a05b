## Pre-screen (src/prescreen): pathway names, outcomes, and the reason shown for each rule.
## A first reading of the answers, not legal advice: the lawyer decides at the consultation.

pathway-gts = Global Talent Stream
pathway-cusma = CUSMA Professionals
pathway-ict = Intra-Company Transferees

outcome-likely_eligible = Likely eligible
outcome-needs_review = Needs a closer look
outcome-likely_not_eligible = Likely not eligible
prescreen-no-clear-result = Your answers do not give a clear first picture yet. We will go through your situation together at the consultation.

## Global Talent Stream (rules G1 to G15; G15 is a note for the lawyer)
rule-G1 = The Global Talent Stream needs a Canadian employer who will apply for a Global Talent Stream LMIA for you.
rule-G2 = Your job is on the Global Talent Occupations List and the pay meets its wage floor.
rule-G3 = Your job is on the list and the pay looks high enough.
rule-G4 = Your job is on the list. We will check the pay against the usual (median) wage for this job where you will work.
rule-G5 = The pay is below this occupation's minimum or the usual wage where you will work.
rule-G6 = Quebec has its own joint process with the province and its own wage floors, so we will look at it together.
rule-G7 = Actuary jobs are not part of this occupation on the list.
rule-G8 = For this occupation, the job itself must require at least 3 years of experience in the listed roles or skills.
rule-G9 = You may fit Category A, for specialized jobs. One of the program’s designated partners must confirm it.
rule-G10 = Your job does not seem to be on the list, and there is no referral from a designated partner.
rule-G11 = Category A requires pay of at least $80,000 a year and $38.46 an hour, or the usual local wage if higher.
rule-G12 = The pay is below the usual (median) wage for this job where you will work. The employer must pay at least that.
rule-G13 = From an employer's third Category A job in a calendar year, the pay must be at least $150,000 a year and $72.11 an hour.
rule-G14 = If this is the employer's third Category A job this year, a higher minimum applies. We will check.
rule-G15 = The employer must get the province's employer registration certificate before filing the LMIA.

## CUSMA Professionals (rules C1 to C15; C6 is retired)
rule-C1 = CUSMA Professionals is open only to citizens of the United States or Mexico.
rule-C2 = You need work arranged in advance with a Canadian employer or client. Working for your own business in Canada is not allowed.
rule-C3 = The list of professions is closed. We will check whether your duties match one of the listed professions.
rule-C4 = Your profession and credentials appear to match what CUSMA asks for.
rule-C5 = Your credentials seem to be below the minimum this profession requires.
rule-C7 = Your degree or diploma must be in the same field as the job, or a closely related one.
rule-C8 = The job must be at a professional or technical level.
rule-C9 = This profession comes with extra conditions, which we will go over with you.
rule-C10 = We will confirm that your duties and any licence you need fit the profession.
rule-C11 = As a Mexican citizen, visa rules affect where and how you can apply.
rule-C12 = This is a regulated profession in Canada. You may need a provincial licence, or to show you can get one.
rule-C13 = The job must be at a professional level. We will check your duties.
rule-C14 = An actuary must be recognized by an actuarial association in Canada, the United States or Mexico.
rule-C15 = We will check whether your licence is a bar membership or an accounting designation.

## Intra-Company Transferees (rules I1 to I23; I22 and I23 are notes for the lawyer)
rule-I1 = You need to be working now for the company that is transferring you.
rule-I2 = You need 12 months of continuous full-time work with the company in the 3 years before you apply.
rule-I2-with-date = You need 12 months of continuous full-time work with the company in the 3 years before you apply. You would reach 12 months on { $eligible_from }.
rule-I3 = The Canadian company must be a parent, subsidiary, branch or affiliate of your employer. A client, supplier, contract or franchise link does not count.
rule-I4 = We will confirm how the two companies are related.
rule-I5 = To open a new office in Canada by transfer, the company must already earn revenue in at least 2 countries.
rule-I6 = A company that is just starting in Canada needs premises, a business plan and funding, and the first permit lasts 1 year.
rule-I7 = The Canadian business needs real commercial premises. A home or virtual office is not enough.
rule-I8 = Your role appears to fit the executive or manager category.
rule-I9 = Roles based on specialized knowledge need a detailed look at what you know and do.
rule-I10 = A shorter time with the company, or a job at a lower skill level, makes a specialized knowledge case harder.
rule-I11 = People transferred for specialized knowledge must earn at least the usual (median) wage for the job where they will work.
rule-I12 = The job in Canada must be in the same kind of role as the one you have now.
rule-I13 = The transfer must be temporary, and your work must be directed by the Canadian company.
rule-I14 = You have reached the time limit for transfers to Canada. After 12 months of full-time work for the company outside Canada, you can be transferred again.
rule-I15 = An owner opening a business in Canada can use this permit only if the company already operates in 2 or more countries. Another permit may fit.
rule-I16 = The pay should be at least the usual (median) wage for this job where you will work.
rule-I17 = Supervising staff who are neither professionals nor managers does not count as a manager role for this permit.
rule-I18 = A manager without staff must run an essential function at a senior level. We will check.
rule-I19 = The Canadian company must be large enough to need this role.
rule-I20 = An earlier period of full-time work may count. We will check the dates and the job.
rule-I21 = We will check your earlier time in Canada as a transferee.
rule-I22 = The permit would likely be shorter than the assignment requested (first permit at most 3 years; 1 year for a new office; 5 or 7 years in total).
rule-I23 = Assessed under CUSMA (T37/T38): no multinational test and no mandatory wage floor; the wage is weighed. Visa-exempt applicants can apply at the border.

## Every pathway (rules X1 to X12; X7, X8, X10, X11 and X12 are notes for the lawyer)
rule-X1 = Because of your answer about past refusals, removals or criminal history, the lawyer will review your file.
rule-X2 = Since you are in Canada, the lawyer will check your current immigration status with you.
rule-X3 = Visitors in Canada can no longer apply for a work permit from inside Canada. You will likely need to apply from outside Canada.
rule-X4 = Since December 2024, people already in Canada can rarely get a work permit by leaving and re-entering at the border.
rule-X5 = An eTA only works when you fly to Canada. To come by land you need a visa.
rule-X6 = If you need a visa to enter Canada, you cannot apply at the border. You apply online before you travel.
rule-X7 = 2-week processing would not apply: it needs an online application from outside Canada, and TEER 0/1 for LMIA-exempt jobs.
rule-X8 = For 2-week processing: complete online application, upfront medical if needed, biometrics within 14 days. GTS workers flag GTS in the Come to Canada tool.
rule-X9 = Your spouse may not qualify for an open work permit with this job or permit length. We will check.
rule-X10 = Since 21 January 2025, dependent children no longer get open work permits; study permits or visitor status remain possible.
rule-X11 = Ask about the past year: 6 or more consecutive months in a designated country means a medical exam. Some public-health jobs always need one. For 2-week processing it must be done upfront.
rule-X12 = The employer must submit the offer in the Employer Portal and pay the compliance fee before the worker applies; otherwise the application is refused.

## Suggestions for applicants who are not sure
suggest-gts-listed = Your job is on the Global Talent Occupations List, so a Canadian employer could hire you through this stream.
suggest-gts-offer = With a Canadian job offer, your employer may be able to hire you through the Global Talent Stream.
suggest-cusma-citizen-offer = As a US or Mexican citizen with a Canadian job offer, you may qualify as a CUSMA professional.
suggest-cusma-citizen = As a US or Mexican citizen, you may qualify as a CUSMA professional once you have work arranged in Canada.
suggest-ict-related = Your employer is linked to a company in Canada, so a transfer within the company may be possible.

## Values shown with some reasons (§5.6) and the brief (§5.4, §7.5)
assessment-median-line = The usual (median) wage on file for NOC { $noc } in { $area } is { $median } (Job Bank, effective { $date }).
wage-per-hour = { $amount } an hour
wage-per-year = { $amount } a year
brief-group-deciding = Deciding (likely not eligible)
brief-group-check = To check
brief-group-in-place = In place
brief-group-notes = Notes
brief-level-region = economic region
brief-level-province = province or territory
brief-level-national = Canada
brief-median = Median for NOC { $noc } in { $area } ({ $level }): { $median }. Job Bank wages effective { $date }, reference period { $period }.
brief-median-reference = For reference only (Quebec: MIFI's tables apply): median for NOC { $noc } in { $area } ({ $level }): { $median }. Job Bank wages effective { $date }, reference period { $period }.
brief-no-median = No median on file for NOC { $noc } ({ $where }Canada), edition { $date }.
brief-no-wage-data = No median on file (no wage data imported).
brief-medians-stale = Medians may be out of date: the newest wage edition on file is more than a year old.
brief-per-hour = /h
brief-per-year = /yr
brief-summary-vs-median = { $pay } vs { $area } median { $median } (Job Bank, { $date })
brief-track-gts = GTS
brief-track-gts_b = GTS B
brief-track-gts_a = GTS A
brief-track-cusma = CUSMA T36
brief-track-ict = ICT
brief-track-ict_r205a = ICT R205(a)
brief-track-ict_cusma = ICT CUSMA T37/T38
brief-offer-written = written offer
brief-offer-verbal = verbal offer
brief-offer-in_discussion = offer in discussion
brief-offer-none = no offer
brief-no-refusals = no refusals
brief-admissibility-to-discuss = refusal or criminal history to discuss
brief-language-en = English
brief-language-fr = French

## "Not sure" when nothing fits yet
suggest-none-title = None of the three permits fits clearly yet
suggest-none-intro = From your answers, none of these permits fits clearly for now. This would change the picture:
suggest-none-gts = a job offer from a Canadian employer willing to apply for a Global Talent Stream LMIA (Global Talent Stream);
suggest-none-cusma = US or Mexican citizenship, with work arranged in Canada (CUSMA Professionals);
suggest-none-ict = working now for a company with a parent, subsidiary, branch or affiliate in Canada (Intra-Company Transferees).
suggest-none-consult = You can still continue with the permit closest to your plans and book a free consultation: the lawyer will look at every option with you.
