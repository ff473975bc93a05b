home-title = Work in Canada as an IT professional
home-lead = Placeholder.
