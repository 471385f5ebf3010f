"""Russian names of audit actions and object types for the audit page; unknown codes are shown as they are."""

ACTIONS = {
    "auth.sign_in": "Вход",
    "auth.sign_in_failed": "Неудачный вход",
    "auth.local_account_created": "Создана локальная учётная запись",
    "admin.local_account_created": "Администратор создал учётную запись",
    "admin.local_account_updated": "Изменена учётная запись",
    "admin.local_account_password_reset": "Пароль задан заново",
    "admin.local_account_disabled": "Учётная запись отключена",
    "admin.local_account_enabled": "Учётная запись включена",
    "people.roles_changed": "Изменены роли",
    "parameters.changed": "Изменён параметр",
    "calendar.correction_added": "Поправка календаря добавлена",
    "calendar.correction_removed": "Поправка календаря удалена",
}
OBJECT_TYPES = {
    "account": "Учётная запись",
    "employee": "Сотрудник",
    "parameter": "Параметр",
    "calendar": "Календарь",
}
