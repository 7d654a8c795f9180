"""The model: questionnaires, answers and assessments as validated, frozen data, and a questionnaire
compiled into fast closures. It imports nothing of the program but `errors`."""
