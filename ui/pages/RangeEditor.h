#pragma once

#include "pages/AttributeScale.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QSlider;

namespace gdbm::ui {

class AppState;

// The bounds of a range preference over one attribute: for the minimum and the maximum a spin
// box with a slider over the attribute's scale (AttributeScale, widened to take in the bounds),
// and, unless the range is drawn, a check box that leaves the bound open (an infinite bound).
// Moving one bound past the other pushes it along.
// Emits edited() with both bounds after every user edit, continuous = true while a slider is
// dragged or a spin box steps, and editingFinished() when the drag or the editing ends.
// setRange() shows bounds without emitting anything.
class RangeEditor : public QWidget
{
    Q_OBJECT

public:
    RangeEditor(bool drawn, const AppState& state, QWidget* parent = nullptr);

    void setRange(sim::Attribute attribute, double min, double max);
    double min() const { return m_minValue; }
    double max() const { return m_maxValue; }

Q_SIGNALS:
    void edited(double min, double max, bool continuous);
    void editingFinished();

private:
    void load();
    void boundEdited(bool isMax, double value, bool continuous);
    void sliderMoved(bool isMax, int position);
    void openToggled(bool isMax, bool open);

    const AppState& m_state;
    sim::Attribute m_attribute{};
    double m_minValue = 0.0;
    double m_maxValue = 0.0;
    AttributeScale m_scale;
    int m_sliderSteps = 100;

    QDoubleSpinBox* m_min = nullptr;
    QDoubleSpinBox* m_max = nullptr;
    QSlider* m_minSlider = nullptr;
    QSlider* m_maxSlider = nullptr;
    QCheckBox* m_minOpen = nullptr;
    QCheckBox* m_maxOpen = nullptr;
};

} // namespace gdbm::ui
