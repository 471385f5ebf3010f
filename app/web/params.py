"""Shared request parameter types.

``ObjectId`` is the type of every ``{..._id:int}`` path parameter: database keys are 32-bit serials,
so a larger number cannot name an object: validation refuses it (the error path answers 404) instead of
overflowing in the database driver.
"""

from typing import Annotated

from litestar.params import Parameter

MAX_SERIAL = 2_147_483_647

ObjectId = Annotated[int, Parameter(ge=1, le=MAX_SERIAL)]
