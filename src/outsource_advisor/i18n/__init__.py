"""The program's own words in every language it speaks (`messages`), and how numbers, money,
outcomes and answers read to a person (`wording`). Domain texts live in the questionnaire."""
