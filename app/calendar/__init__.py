"""The Russian working-day calendar: official holidays and transfers plus administrators' corrections."""
