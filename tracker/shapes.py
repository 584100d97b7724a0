"""Answer shapes built from rows: `model_validate(row, from_attributes=True)` for the fields a row holds, with
the values it does not hold (a code instead of an id, a count, a computed flag) given by name."""

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def from_row(model: type[M], row: object, **values: Any) -> M:
    """`model` from `values` and, for each of its other fields, the row's attribute of the same name."""
    unknown = values.keys() - model.model_fields.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no field(s) {', '.join(sorted(unknown))}")
    if not values:
        return model.model_validate(row, from_attributes=True)
    data = {name: values[name] if name in values else getattr(row, name) for name in model.model_fields}
    return model.model_validate(data)
