"""Demo people get grammatical Russian names."""

from app.people.demo import patronymic


def test_patronymics():
    assert patronymic("Иван", False) == "Иванович"
    assert patronymic("Иван", True) == "Ивановна"
    assert patronymic("Сергей", False) == "Сергеевич"
    assert patronymic("Юрий", True) == "Юрьевна"
    assert patronymic("Дмитрий", False) == "Дмитриевич"
    assert patronymic("Павел", True) == "Павловна"
    assert patronymic("Пётр", False) == "Петрович"
    assert patronymic("Николай", True) == "Николаевна"
