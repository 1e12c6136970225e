"""Who has a letter's review: taking, releasing and assigning it, and standing in for the absent."""
